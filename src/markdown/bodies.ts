import type { Source } from '../content/types.ts';
import { createMarkdown, type Markdown, PluginFailure } from '../deps/markdown.ts';
import { BuildFailure, ColophonError, topFrames } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { inTakingOrder } from '../lib/perturb.ts';
import { highlightFences, readInfo } from './highlight.ts';
import type {
  ChunkJob,
  ChunkResult,
  Fence,
  HighlightSettings,
  MarkdownSettings,
  PluginProblem,
  WorkerPool,
} from './types.ts';

/** The site's markdown-it plugins, as config.markdown.plugins holds them. */
export type Plugins = readonly (readonly [unknown, unknown])[];

export interface BodiesOptions {
  markdown: MarkdownSettings;
  plugins: Plugins;
  /** Where a thread finds the plugins again: the site folder, and the fingerprint of its configuration. */
  config: { siteDir: string; fingerprint: string; cache: boolean };
  highlight?: HighlightSettings; // absent: fences stay plain code
  langs?: readonly string[]; // when set, only these languages are highlighted
  pool?: WorkerPool; // absent: everything runs on this thread
}

export interface Bodies {
  html: Map<Source, string>;
  /** Per source path, the unknown fence languages it uses, in the order met. */
  unknown: Map<string, string[]>;
  blocks: number; // highlighted fences in the site
  highlighted: number; // of which went through shiki in this build
}

// NUL never survives into a source (such files are rejected), so these placeholders cannot collide.
const PLACEHOLDER = /<pre\u0000(\d+)\u0000>/g;

/**
 * markdown-it's highlight hook is synchronous, so it leaves a placeholder per fence; the fences of
 * the whole site are then highlighted together (and cached) and put back. Pure: the same job gives
 * the same result on any thread.
 */
export function renderChunk(job: ChunkJob, plugins: Plugins = []): ChunkResult {
  const fences: Fence[] = [];
  const unknown: [string, string][] = [];
  const failures: PluginProblem[] = [];
  let current = '';
  let markdown: Markdown;
  try {
    markdown = createMarkdown({
      ...job.markdown,
      plugins,
      fence: job.highlight
        ? (code, info) => {
          const request = readInfo(code, info);
          if (request.kind === 'unknown') unknown.push([request.name, current]);
          if (request.kind !== 'code' || (job.langs && !job.langs.includes(request.fence.lang))) return '';
          fences.push(request.fence);
          return `<pre\u0000${fences.length - 1}\u0000>`;
        }
        : undefined,
    });
  } catch (error) {
    if (!(error instanceof PluginFailure)) throw error;
    return { html: job.items.map(() => ''), fences, unknown, failures: [problemOf(error)] };
  }
  const html = job.items.map((item) => {
    current = item.path;
    const fencesBefore = fences.length;
    try {
      return markdown.render(item.body);
    } catch (error) {
      // Without plugins, markdown-it failing is a bug of ours; with them, most likely theirs.
      if (!(error instanceof PluginFailure) && plugins.length === 0) throw error;
      fences.length = fencesBefore;
      failures.push({ ...problemOf(error), path: item.path });
      return '';
    }
  });
  return { html, fences, unknown, failures };
}

function problemOf(error: unknown): PluginProblem {
  const failure = error instanceof PluginFailure ? error : undefined;
  const cause = failure ? failure.error : error;
  const plugin = !failure
    ? "markdown-it, with the site's plugins applied,"
    : failure.index < 0
    ? failure.pluginName
    : `markdown.plugins[${failure.index}] (${failure.pluginName})`;
  const stack = topFrames(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  return { plugin, message: message.split('\n')[0]!, stack };
}

/**
 * One error per plugin and message, naming the first source (by path) it failed on and how many
 * others: a broken plugin fails on every post, and ten thousand identical errors help nobody.
 */
function pluginErrors(problems: PluginProblem[]): ColophonError[] {
  const groups = new Map<string, PluginProblem[]>();
  for (const p of problems) {
    const key = `${p.path === undefined}\0${p.plugin}\0${p.message}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.values()].map((group) => {
    const paths = [...new Set(group.map((p) => p.path).filter((p) => p !== undefined))].sort(compareText);
    const { plugin, message, stack } = group[0]!;
    const frame = stack.length > 0 ? stack.map((l) => `    ${l}`).join('\n') : undefined;
    if (paths.length === 0) {
      return new ColophonError('E_PLUGIN', `${plugin} failed while being applied: ${message}`, {
        file: 'site.config.ts',
        frame,
        hint: 'check the plugin and its options in markdown.plugins; the frames above are from the plugin',
      });
    }
    const others = paths.length > 1 ? ` (and ${paths.length - 1} other file${paths.length === 2 ? '' : 's'})` : '';
    return new ColophonError('E_PLUGIN', `${plugin} threw while rendering this file${others}: ${message}`, {
      file: paths[0],
      frame,
    });
  });
}

/** Every post's and page's body as HTML, once, split across the worker pool when there is one. */
export async function renderBodies(sources: readonly Source[], options: BodiesOptions): Promise<Bodies> {
  sources = inTakingOrder(sources); // reversed in --check-determinism's second build
  const items = sources.map((s) => ({ path: s.path, body: s.body }));
  const job = {
    markdown: options.markdown,
    highlight: options.highlight !== undefined,
    langs: options.langs,
    plugins: options.plugins.length > 0 ? options.config : undefined,
  };
  const slices = options.pool ? splitEvenly(items, options.pool.size * 4) : [items];
  const chunks = await Promise.all(
    slices.map((slice) =>
      options.pool
        ? options.pool.renderChunk({ ...job, items: slice })
        : Promise.resolve(renderChunk({ ...job, items: slice }, options.plugins))
    ),
  );
  const failures = chunks.flatMap((c) => c.failures);
  if (failures.length > 0) throw new BuildFailure(pluginErrors(failures));
  const fences = chunks.flatMap((c) => c.fences);
  const run = fences.length > 0
    ? await highlightFences(fences, options.highlight!, options.pool)
    : { html: [], highlighted: 0 };
  const html = new Map<Source, string>();
  let item = 0;
  let offset = 0;
  for (const chunk of chunks) {
    const base = offset;
    for (const text of chunk.html) {
      html.set(
        sources[item++]!,
        chunk.fences.length ? text.replace(PLACEHOLDER, (_, i: string) => run.html[base + Number(i)]!) : text,
      );
    }
    offset += chunk.fences.length;
  }
  const unknown = new Map<string, string[]>();
  for (const [name, path] of chunks.flatMap((c) => c.unknown)) unknown.set(path, [...(unknown.get(path) ?? []), name]);
  return { html, unknown, blocks: fences.length, highlighted: run.highlighted };
}

/** Contiguous slices of about equal text size, so each thread gets a similar amount of work. */
function splitEvenly<T extends { body: string }>(items: T[], parts: number): T[][] {
  const total = items.reduce((sum, i) => sum + i.body.length, 0);
  const target = total / parts;
  const slices: T[][] = [[]];
  let size = 0;
  for (const item of items) {
    if (size >= target && slices.length < parts) {
      slices.push([]);
      size = 0;
    }
    slices[slices.length - 1]!.push(item);
    size += item.body.length;
  }
  return slices;
}

/** Once per language, naming the first file by path that uses it. [language, path] pairs. */
export function unknownWarnings(found: [string, string][]): string[] {
  const first = new Map<string, string>();
  for (const [name, path] of found) {
    const seen = first.get(name);
    if (seen === undefined || compareText(path, seen) < 0) first.set(name, path);
  }
  return [...first]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, file]) => `${file}: no highlighting for the unknown language "${name}"; shown as plain code`);
}
