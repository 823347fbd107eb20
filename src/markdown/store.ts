import type { Config } from '../config/types.ts';
import { bodyDigest } from '../content/source.ts';
import type { Source } from '../content/types.ts';
import { cacheDirFor } from '../lib/cache-dir.ts';
import { workerCount } from '../lib/concurrency.ts';
import { MapView } from '../lib/map-view.ts';
import { compareText } from '../lib/order.ts';
import { renderBodies, unknownWarnings } from './bodies.ts';
import { type BodyCache, type CachedBody, openBodyCache } from './body-cache.ts';
import { createHighlightCache } from './highlight-cache.ts';
import { showsImages } from './picture.ts';
import { createPool } from './pool.ts';
import type { BodyHtml } from './types.ts';

/** Every live body's HTML, and what it took to make it. */
export interface RenderedBodies {
  html: BodyHtml; // by source path, each read when asked for
  /** Unknown fence languages, once per language, from every live body (rendered now or earlier). */
  warnings: string[];
  highlight: { blocks: number; highlighted: number };
  /** Post and page bodies in the site, and how many went through Markdown in this refresh. */
  bodies: { total: number; rendered: number };
}

/**
 * The bodies of one configuration, kept between the dev server's refreshes: a body whose text did
 * not change is not rendered again. The first refresh also takes what it can from the persistent
 * body cache, and saves every live body there once it is done.
 */
export interface BodyStore {
  render(sources: readonly Source[]): Promise<RenderedBodies>;
}

interface Kept {
  digest: string; // the body's (see bodyDigest)
  rendered: CachedBody; // its HTML read only when asked for: a rebuild keeps most pages as they are
}

export interface BodyStoreOptions {
  cache: boolean;
  /** The cache folder, instead of the site's own (cacheDirFor). */
  cacheDir?: string;
  /** A site folder whose body cache to start from when this one has none (see openBodyCache). */
  seedFrom?: string;
  /** Worker threads for Markdown and highlighting; by default COLOPHON_WORKERS or one per core. */
  workers?: number;
}

export async function openBodyStore(config: Config, options: BodyStoreOptions): Promise<BodyStore> {
  const kept = new Map<string, Kept>(); // by source path
  const cacheDir = options.cacheDir ?? cacheDirFor(config.siteDir);
  let firstCache: BodyCache | undefined = options.cache
    ? await openBodyCache(cacheDir, config.siteDir, bodySettings(config), options.seedFrom)
    : undefined;
  let last: Generation | undefined;
  return {
    async render(sources) {
      const cached = firstCache;
      firstCache = undefined; // later refreshes (the dev server's edits) leave the cache alone
      // A dev server's save re-reads a source or two; the others are the very objects of last time.
      const moved = movedSince(sources, last?.sources);
      const stale = (moved ? moved.map((i) => sources[i]!) : sources).filter((s) =>
        kept.get(s.path)?.digest !== bodyDigest(s) && !takeCached(s, kept, cached)
      );
      const workers = options.workers ?? workerCount(stale.length);
      const pool = workers > 1 ? createPool(workers) : undefined;
      const highlightCache = options.cache ? createHighlightCache({ dir: cacheDir }) : undefined;
      const done = await renderBodies(stale, {
        markdown: markdownSettings(config),
        plugins: config.markdown.plugins,
        config: { siteDir: config.siteDir, fingerprint: config.fingerprint, cache: options.cache },
        highlight: config.highlight ? { themes: config.highlight.themes, cache: highlightCache } : undefined,
        langs: config.highlight ? config.highlight.langs : undefined,
        pool,
      }).finally(() => pool?.close());
      for (const [source, html] of done.html) {
        const rendered = { html, unknown: done.unknown.get(source.path) ?? [], images: showsImages(html) };
        kept.set(source.path, { digest: bodyDigest(source), rendered });
      }
      // Every source is in `kept` now; anything more is a body whose source went. A dev server's
      // save usually removes none, and these passes over every source are part of each save's latency.
      if (kept.size !== sources.length) {
        const live = new Set(sources.map((s) => s.path));
        for (const path of kept.keys()) if (!live.has(path)) kept.delete(path);
      }
      await cached?.save([...kept.values()].map((b) => [b.digest, b.rendered]));
      last = nextGeneration(sources, kept, last, moved);
      const unknown = [...last.unknown].flatMap(([path, names]) => names.map((name): [string, string] => [name, path]));
      return {
        html: new LazyHtml(last.html, last.pictured),
        warnings: unknownWarnings(unknown),
        highlight: { blocks: done.blocks, highlighted: done.highlighted },
        bodies: { total: sources.length, rendered: stale.length },
      };
    },
  };
}

/** What one render gave: each body by source path, in the order of its sources, and what the others ask of them. */
interface Generation {
  sources: readonly Source[];
  html: Bodies;
  /** The bodies with unknown fence languages, and those languages. */
  unknown: ReadonlyMap<string, readonly string[]>;
  /** The sources whose page may show an image: in the body, or as front matter `image` (see BodyHtml). */
  pictured: ReadonlySet<string>;
}

/** Bodies by source path: a base shared with earlier generations, and the few re-read since. */
interface Bodies {
  base: ReadonlyMap<string, CachedBody>;
  over: ReadonlyMap<string, CachedBody>;
}

/** How many re-read bodies a generation keeps beside its base before it makes a base of its own. */
const MAX_OVER = 256;

/**
 * Where `sources` has another object than `before`, by index, when both have the same paths in the
 * same order; undefined when they do not. One pass over two arrays, reading no source but those.
 */
function movedSince(sources: readonly Source[], before?: readonly Source[]): number[] | undefined {
  if (before?.length !== sources.length) return undefined;
  const moved: number[] = [];
  for (let i = 0; i < sources.length; i++) {
    if (sources[i] === before[i]) continue;
    if (sources[i]!.path !== before[i]!.path) return undefined;
    moved.push(i);
  }
  return moved;
}

/**
 * This render's bodies. When the sources are the last render's paths in the same order, only the
 * re-read ones (`moved`) are looked up and kept beside the last base: a dev server's save would
 * otherwise pass over, and copy, every body.
 */
function nextGeneration(
  sources: readonly Source[],
  kept: ReadonlyMap<string, Kept>,
  last: Generation | undefined,
  moved: readonly number[] | undefined,
): Generation {
  if (last && moved) {
    const over = new Map(last.html.over);
    const next = { unknown: new Map(last.unknown), pictured: new Set(last.pictured) };
    for (const i of moved) {
      const s = sources[i]!;
      const { rendered } = kept.get(s.path)!;
      over.set(s.path, rendered);
      note(s, rendered, next);
    }
    if (over.size <= MAX_OVER) return { sources, html: { base: last.html.base, over }, ...next };
  }
  const base = new Map<string, CachedBody>();
  const next = { unknown: new Map<string, readonly string[]>(), pictured: new Set<string>() };
  for (const s of sources) {
    const { rendered } = kept.get(s.path)!;
    base.set(s.path, rendered);
    note(s, rendered, next);
  }
  return { sources, html: { base, over: new Map() }, ...next };
}

/** Records what a source's body has that a generation keeps track of. */
function note(
  source: Source,
  body: CachedBody,
  into: { unknown: Map<string, readonly string[]>; pictured: Set<string> },
): void {
  if (body.unknown.length > 0) into.unknown.set(source.path, body.unknown);
  else into.unknown.delete(source.path);
  // An entry of an older cache may not say whether it has an image: it may, until it is read.
  if (source.image !== undefined || body.images !== false) into.pictured.add(source.path);
  else into.pictured.delete(source.path);
}

/** Takes a body's HTML from the persistent cache into `kept`; false when the cache does not have it. */
function takeCached(source: Source, kept: Map<string, Kept>, cache: BodyCache | undefined): boolean {
  const digest = bodyDigest(source);
  const cached = cache?.get(digest);
  if (cached) kept.set(source.path, { digest, rendered: cached });
  return cached !== undefined;
}

const markdownSettings = ({ markdown }: Config) => ({
  html: markdown.html,
  anchors: markdown.anchors,
  footnotes: markdown.footnotes,
});

/**
 * Settings that change what a body renders to: part of each cached body's key. With plugins, that
 * is the configuration's fingerprint too (its code, the modules and packages it imports, each
 * plugin's code and options): any of them may change what a plugin makes of a body.
 */
function bodySettings(config: Config) {
  const { highlight } = config;
  return {
    ...markdownSettings(config),
    highlight: highlight ? { themes: highlight.themes, langs: highlight.langs } : undefined,
    ...(config.markdown.plugins.length > 0 ? { plugins: config.fingerprint } : {}),
  };
}

/** Each body's HTML by source path, read from the body cache's bytes only when a page asks for it. */
class LazyHtml extends MapView<string, string> implements BodyHtml {
  private sortedPictured: readonly string[] | undefined;
  constructor(private readonly bodies: Bodies, private readonly pictures: ReadonlySet<string>) {
    super();
  }
  get size(): number {
    return this.bodies.base.size;
  }
  get(path: string): string | undefined {
    return this.body(path)?.html;
  }
  has(path: string): boolean {
    return this.bodies.base.has(path);
  }
  keys(): MapIterator<string> {
    return this.bodies.base.keys();
  }
  mayShowImages(path: string): boolean {
    const body = this.body(path);
    return body === undefined || (body.images ?? showsImages(body.html));
  }
  pictured(): readonly string[] {
    return this.sortedPictured ??= [...this.pictures].sort(compareText);
  }
  private body(path: string): CachedBody | undefined {
    return this.bodies.over.get(path) ?? this.bodies.base.get(path);
  }
}
