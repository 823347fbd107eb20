import type { Source } from '../content/types.ts';
import { createMarkdown } from '../deps/markdown.ts';
import { compareText } from '../lib/order.ts';
import { highlightFences, readInfo } from './highlight.ts';
import type { ChunkJob, ChunkResult, Fence, HighlightSettings, WorkerPool } from './types.ts';

export interface BodiesOptions {
  html: boolean;
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
export function renderChunk(job: ChunkJob): ChunkResult {
  const fences: Fence[] = [];
  const unknown: [string, string][] = [];
  let current = '';
  const markdown = createMarkdown({
    html: job.html,
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
  const html = job.items.map((item) => {
    current = item.path;
    return markdown.render(item.body);
  });
  return { html, fences, unknown };
}

/** Every post's and page's body as HTML, once, split across the worker pool when there is one. */
export async function renderBodies(sources: readonly Source[], options: BodiesOptions): Promise<Bodies> {
  const items = sources.map((s) => ({ path: s.path, body: s.body }));
  const job = { html: options.html, highlight: options.highlight !== undefined, langs: options.langs };
  const slices = options.pool ? splitEvenly(items, options.pool.size * 4) : [items];
  const chunks = await Promise.all(
    slices.map((
      slice,
    ) => (options.pool
      ? options.pool.renderChunk({ ...job, items: slice })
      : Promise.resolve(renderChunk({ ...job, items: slice })))
    ),
  );
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
