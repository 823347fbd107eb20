import { existsSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openBodyCache, type BodyCache } from './markdown/body-cache.ts';
import { cacheDirFor } from './lib/cache-dir.ts';
import { renderBodies, unknownWarnings } from './markdown/bodies.ts';
import { loadConfig, type Config } from './config/load.ts';
import { isSourcePath, loadContent, readError, readSource, type Asset, type Source } from './content/read.ts';
import type { Templates } from './deps/eta.ts';
import { asFailure, BuildFailure, ColophonError, compareText } from './lib/errors.ts';
import { createHighlightCache } from './markdown/highlight-cache.ts';
import { createPool } from './markdown/pool.ts';
import { workerCount } from './lib/concurrency.ts';
import { renderSite } from './render/site.ts';
import type { Producers } from './render/types.ts';
import { asOfInstant, type AsOf } from './model/schedule.ts';
import { buildSite } from './model/site.ts';
import type { Page, Post, Site } from './model/types.ts';
import { loadTheme } from './content/theme.ts';
import { createZone } from './lib/zone.ts';

export interface BuildOptions {
  drafts?: boolean;
  /** Use the persistent highlight cache (default true); false is --no-cache. */
  cache?: boolean;
  /** `--base-url`: replaces the configured `url` for this run, checked the same way. */
  baseUrl?: string;
  /** `--as-of` (a date in the site's timezone) or SOURCE_DATE_EPOCH (epoch ms): later posts are left out. */
  asOf?: AsOf;
  /** The dev server's clock: posts dated after it are shown, marked as scheduled. Builds have none. */
  clock?: () => number;
  /** Called as each post page is rendered while the output is written: posts done, posts in all. */
  onProgress?: (done: number, total: number) => void;
}

export interface Generated {
  config: Config;
  site: Site;
  files: Producers; // rendered when consumed
  warnings: string[];
  highlight: { blocks: number; highlighted: number };
  /** Post and page bodies in the site, and how many went through Markdown in this refresh. */
  bodies: { total: number; rendered: number };
}

/**
 * The stages of DESIGN.md, holding on to what they read so that a later refresh re-reads only the
 * files that changed and re-renders only the bodies whose text changed. A one-shot build is a single
 * refresh; the dev server refreshes after each batch of edits. Both run exactly the same code.
 */
export interface Pipeline {
  /** Site-relative POSIX paths that changed, or nothing for "read everything". Throws BuildFailure. */
  refresh(changed?: Iterable<string>): Promise<Generated>;
}

interface State {
  config: Config;
  configWarnings: string[];
  sources: Map<string, Source | ColophonError>; // by path
  assets: Map<string, Uint8Array>;
  templates: Templates | ColophonError;
  bodies: Map<string, { body: string; html: string; unknown: string[] }>;
  /** Bodies rendered by the last build, read once; saved after the first assembly only. */
  pack?: BodyCache;
  /** The site model of the last assembly, kept while only sources changed since. */
  site?: Site;
  /** Source paths changed since that assembly, or 'all' when the model must be built again. */
  pending: string[] | 'all';
}

export function createPipeline(siteDir: string, options: BuildOptions = {}): Pipeline {
  let state: State | undefined;

  async function loadAll(): Promise<State> {
    const { config, warnings } = await loadConfig(siteDir, { url: options.baseUrl }, { cache: options.cache !== false }).catch(asFailure);
    const content = await loadContent(config).catch(asFailure);
    const sources = new Map<string, Source | ColophonError>(content.sources.map((s) => [s.path, s]));
    for (const error of content.errors) sources.set(error.file!, error);
    return {
      config,
      configWarnings: warnings,
      sources,
      assets: new Map(content.assets.map((a) => [a.path, a.bytes])),
      templates: await loadTheme(config.siteDir).catch(keepError),
      bodies: new Map(),
      pack: options.cache === false ? undefined : await openBodyCache(cacheDirFor(config.siteDir), config.siteDir, bodySettings(config)),
      pending: 'all',
    };
  }

  async function apply(current: State, changed: string[]): Promise<State> {
    if (changed.includes('site.config.ts') || changed.some((p) => isFolderEvent(current, p))) return loadAll();
    const zone = createZone(current.config.timezone);
    for (const path of changed) {
      const full = join(current.config.siteDir, path);
      const isSource = isSourcePath(path);
      if (!isSource || current.pending === 'all') current.pending = 'all';
      else current.pending.push(path);
      // As in a full read: a file that is gone is no longer a source, one that cannot be read is E_READ.
      if (isSource) {
        const text = await readFile(full, 'utf8').catch(async (e) => ((await isGone(full, e)) ? undefined : readError(path, e)));
        if (text === undefined) current.sources.delete(path);
        else current.sources.set(path, text instanceof ColophonError ? text : readSource(path, text, zone));
      } else if (path.startsWith('public/')) {
        const bytes = await readFile(full).catch(async (e) => ((await isGone(full, e)) ? undefined : readError(path, e)));
        current.assets.delete(path.slice('public/'.length));
        current.sources.delete(path); // read errors live beside the sources, as loadAll puts them
        if (bytes instanceof ColophonError) current.sources.set(path, bytes);
        else if (bytes !== undefined) current.assets.set(path.slice('public/'.length), bytes);
      }
    }
    if (changed.some((p) => p.startsWith('layouts/'))) current.templates = await loadTheme(current.config.siteDir).catch(keepError);
    return current;
  }

  async function assemble(current: State): Promise<Generated> {
    const { config } = current;
    const broken = [...current.sources].filter((entry): entry is [string, ColophonError] => entry[1] instanceof ColophonError);
    const errors = broken.sort(([a], [b]) => compareText(a, b)).map(([, error]) => error);
    if (current.templates instanceof ColophonError) errors.push(current.templates);
    if (errors.length > 0) throw new BuildFailure(errors);
    const asOf = asOfInstant(options.asOf, config.timezone);
    if (asOf instanceof ColophonError) throw new BuildFailure([asOf]);
    const scheduledAfter = options.clock?.();
    let site = current.site && current.pending !== 'all' ? updateSite(current.site, current.pending, current.sources, scheduledAfter) : undefined;
    if (!site) {
      const ordered = [...current.sources.keys()].sort(compareText).map((p) => current.sources.get(p) as Source);
      const assets: Asset[] = [...current.assets.keys()].sort(compareText).map((path) => ({ path, bytes: current.assets.get(path)! }));
      const built = buildSite(config, { sources: ordered, assets, errors: [] }, { drafts: options.drafts ?? false, asOf, scheduledAfter });
      if (Array.isArray(built)) throw new BuildFailure(built);
      site = built;
    }
    current.site = site;
    current.pending = [];
    const sources = [...site.posts.map((p) => p.source), ...site.pages.map((p) => p.source)];
    let stale = sources.filter((s) => current.bodies.get(s.path)?.body !== s.body);
    const { pack } = current;
    if (pack) {
      stale = stale.filter((s) => {
        const cached = pack.get(s.body);
        if (cached) current.bodies.set(s.path, { body: s.body, ...cached });
        return cached === undefined;
      });
    }
    const workers = workerCount(stale.length);
    const pool = workers > 1 ? createPool(workers) : undefined;
    const bodies = await renderBodies(stale, {
      html: config.markdown.html,
      highlight: config.highlight
        ? { themes: config.highlight.themes, cache: options.cache === false ? undefined : createHighlightCache({ dir: cacheDirFor(config.siteDir) }) }
        : undefined,
      langs: config.highlight ? config.highlight.langs : undefined,
      pool,
    }).finally(() => pool?.close());
    for (const [source, html] of bodies.html) current.bodies.set(source.path, { body: source.body, html, unknown: bodies.unknown.get(source.path) ?? [] });
    const live = new Set(sources.map((s) => s.path));
    for (const path of current.bodies.keys()) if (!live.has(path)) current.bodies.delete(path);
    const html = new Map(sources.map((s) => [s.path, current.bodies.get(s.path)!.html]));
    if (pack) {
      // The first assembly saves every live body; later ones (the dev server's edits) leave the pack.
      current.pack = undefined;
      await pack.save([...current.bodies.values()].map((b) => [b.body, { html: b.html, unknown: b.unknown }]));
    }
    const rendered = renderSite(site, current.templates as Templates, html);
    if (rendered.errors.length > 0) throw new BuildFailure(rendered.errors);
    // Warnings come from every live body, rendered now or earlier, so a warm build warns as a cold one.
    const unknown = sources.flatMap((s) => current.bodies.get(s.path)!.unknown.map((name): [string, string] => [name, s.path]));
    const warnings = [...current.configWarnings, ...unknownWarnings(unknown)];
    return {
      config,
      site,
      files: rendered.files,
      warnings,
      highlight: { blocks: bodies.blocks, highlighted: bodies.highlighted },
      bodies: { total: sources.length, rendered: stale.length },
    };
  }

  return {
    async refresh(changed) {
      const paths = changed ? [...changed] : undefined;
      try {
        state = !state || !paths ? await loadAll() : await apply(state, paths);
      } catch (error) {
        state = undefined; // a broken config: read everything again next time
        throw error;
      }
      return assemble(state);
    },
  };
}

/**
 * The dev server's common case: posts and pages edited without touching what places them (kind,
 * dates, slug, permalink, draft, categories, tags). The model keeps its shape, so each edited
 * source takes its old one's place and the model is reused: at 10,000 posts this saves building
 * it again on every save. Anything else (a new, removed or broken file, a moved date) returns
 * undefined, and the model is built again from scratch.
 */
function updateSite(site: Site, changed: string[], sources: Map<string, Source | ColophonError>, scheduledAfter?: number): Site | undefined {
  const owners = new Map<string, Post | Page>();
  for (const post of site.posts) owners.set(post.source.path, post);
  for (const page of site.pages) owners.set(page.source.path, page);
  const swaps: [Post | Page, Source][] = [];
  for (const path of new Set(changed)) {
    const owner = owners.get(path);
    const source = sources.get(path);
    if (!owner || !source || source instanceof ColophonError || !sameShape(owner.source, source)) return undefined;
    swaps.push([owner, source]);
  }
  for (const [owner, source] of swaps) owner.source = source;
  for (const post of site.posts) post.scheduled = scheduledAfter !== undefined && post.date > scheduledAfter;
  return site;
}

function sameShape(a: Source, b: Source): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.kind === b.kind && a.date === b.date && a.updated === b.updated && a.slug === b.slug && a.permalink === b.permalink &&
    a.draft === b.draft && same(a.categories, b.categories) && same(a.tags, b.tags)
  );
}

function bodySettings(config: Config) {
  return { html: config.markdown.html, highlight: config.highlight ? { themes: config.highlight.themes, langs: config.highlight.langs } : undefined };
}

/** Deleted, rather than unreadable: a broken symbolic link is ENOENT too, but still there. */
async function isGone(full: string, error: unknown): Promise<boolean> {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' && !(await lstat(full).catch(() => undefined));
}

/** A folder appearing or going (a rename, a new tree) is simplest to read again whole. */
function isFolderEvent(current: State, path: string): boolean {
  const full = join(current.config.siteDir, path);
  const isKnownFolder = [...current.sources.keys()].some((p) => p.startsWith(`${path}/`));
  return (path.startsWith('content/') || path.startsWith('public/')) && (isKnownFolder || (existsSync(full) && !/\.[^/]+$/.test(path)));
}


function keepError(error: unknown): ColophonError {
  if (error instanceof ColophonError) return error;
  throw error;
}
