import { loadConfig } from './config/load.ts';
import type { Config } from './config/types.ts';
import { engineDigest } from './content/inputs.ts';
import { isSourcePath } from './content/read.ts';
import { goodFiles, readSiteFiles, rereadSiteFiles, type SiteFiles } from './content/site-files.ts';
import type { ContentListing } from './content/types.ts';
import { cacheDirFor } from './lib/cache-dir.ts';
import { asFailure, BuildFailure, ColophonError } from './lib/errors.ts';
import { createImageStore, type ImagesDone, type ImageStore } from './markdown/images.ts';
import { type BodyStore, openBodyStore, type RenderedBodies } from './markdown/store.ts';
import { createModelStore, type ModelStore } from './model/reuse.ts';
import { type AsOf, asOfInstant } from './model/schedule.ts';
import type { Site, SiteOptions } from './model/types.ts';
import { dependencyKeys } from './render/keys.ts';
import { renderSite } from './render/site.ts';
import { type SearchIndex, searchIndex } from './render/search.ts';
import type { Producers } from './render/types.ts';

export interface BuildOptions {
  drafts?: boolean;
  /** Use the persistent caches (default true); false is --no-cache. */
  cache?: boolean;
  /** `--full`: make every output file again instead of keeping those whose dependencies did not change. */
  full?: boolean;
  /** Worker threads for Markdown and highlighting; by default COLOPHON_WORKERS or one per core. */
  workers?: number;
  /** The cache folder instead of the site's own (cacheDirFor); `colophon diff` builds revisions with the site's. */
  cacheDir?: string;
  /** A site folder whose body cache this build starts from if it has none: diff's revisions, the working site's. */
  seedBodiesFrom?: string;
  /** `--base-url`: replaces the configured `url` for this run, checked the same way. */
  baseUrl?: string;
  /** `--as-of` (a date in the site's timezone) or SOURCE_DATE_EPOCH (epoch ms): later posts are left out. */
  asOf?: AsOf;
  /** The dev server's clock: posts dated after it are shown, marked as scheduled. Builds have none. */
  clock?: () => number;
  /** content/ as `rebuild`'s inputDigest has just listed and stat-ed it: the first read takes it (see loadContent). */
  listing?: ContentListing;
  /** Called as each post page is rendered while the output is written: posts done, posts in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The dev server's: with `search: true`, the index is left to `Generated.search`, made when a
   * request asks for it, instead of with every refresh.
   */
  searchOnRequest?: boolean;
}

/** What a refresh (and `generate`) gives: the site model and a producer per output file, nothing written. */
export interface Generated {
  config: Config;
  site: Site;
  files: Producers; // rendered when consumed
  warnings: string[];
  highlight: RenderedBodies['highlight'];
  bodies: RenderedBodies['bodies'];
  /** Each post's and page's body HTML as Markdown gave it, by source path (what `check` reads). */
  bodyHtml: ReadonlyMap<string, string>;
  /** With `search: true`: the search index of these files (already among them unless searchOnRequest). */
  search?: SearchIndex;
  /**
   * Output path ▶ digest of what it is made from (see dependencyKeys); outputs without one are
   * always made. Made when asked (a build asks; the dev server, which renders on request, does not).
   */
  keys(): Promise<ReadonlyMap<string, string>>;
  /** Local raster images shown, and how many of them were processed now rather than found in the cache. */
  images: ImagesDone['images'];
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

/** What the stages keep between refreshes, each part owned by its stage. */
interface Kept {
  config: Config;
  configWarnings: string[];
  files: SiteFiles; // content/
  model: ModelStore; // model/
  bodies: BodyStore; // markdown/
  images: ImageStore; // markdown/
}

export function createPipeline(siteDir: string, options: BuildOptions = {}): Pipeline {
  let kept: Kept | undefined;
  let listing = options.listing; // the first read's: any later one lists the files again
  return {
    async refresh(changed) {
      const previous = kept;
      kept = undefined; // until the read succeeds: a broken configuration is read again next time
      const listed = listing;
      listing = undefined;
      kept = await readSite(siteDir, options, previous, changed && [...changed], listed); // 1. read or re-read
      const { config, model, bodies } = kept;
      const files = goodFiles(kept.files); // 2. stop on read errors
      const { sources, assets, bundleFiles } = files;
      const site = model.site(config, sources, assets, siteOptions(config, options), bundleFiles); // 3. the model
      const rendered = await bodies.render([...site.posts, ...site.pages].map((p) => p.source)).catch(asFailure); // 4.
      const pictured = await kept.images.apply(site, rendered.html).catch(asFailure); // 5. responsive images
      const output = renderSite(site, files.templates, pictured.html, pictured.og); // 6. render the site
      output.errors.push(...addImages(output.files, pictured.files));
      if (output.errors.length > 0) throw new BuildFailure(output.errors);
      const search = config.search ? searchIndex(site, output.files) : undefined; // 7. the search index
      if (search && !options.searchOnRequest) await withIndex(output.files, search);
      const warnings = [...kept.configWarnings, ...rendered.warnings]; // 8. gather the warnings
      // 9. inputs (the dev server, which renders on request, never asks)
      const keys = async () => dependencyKeys(site, files.templates, await engineDigest(), imageMarkup(pictured));
      const { highlight, bodies: counts, html: bodyHtml } = rendered;
      const { images } = pictured;
      return { config, site, files: output.files, warnings, highlight, bodies: counts, bodyHtml, search, keys, images };
    },
  };
}

/**
 * Reads everything the first time, after a change to site.config.ts, and after a change that
 * content/ cannot take file by file; otherwise re-reads just the changed files. A configuration
 * that fails to load forgets everything, so the next refresh reads everything again.
 */
async function readSite(
  siteDir: string,
  options: BuildOptions,
  kept?: Kept,
  changed?: string[],
  listing?: ContentListing,
): Promise<Kept> {
  if (kept && changed && !changed.includes('site.config.ts')) {
    if (await rereadSiteFiles(kept.files, kept.config, changed)) {
      kept.model.invalidate(changed.every(isSourcePath) ? changed : 'all');
      return kept;
    }
  }
  const cache = options.cache !== false;
  const { cacheDir, seedBodiesFrom: seedFrom } = options;
  const { config, warnings } = await loadConfig(siteDir, { url: options.baseUrl }, { cache, cacheDir }).catch(
    asFailure,
  );
  const files = await readSiteFiles(config, cache ? cacheDir ?? cacheDirFor(config.siteDir) : undefined, listing);
  return {
    config,
    configWarnings: warnings,
    files,
    model: createModelStore(),
    bodies: await openBodyStore(config, { cache, cacheDir, seedFrom, workers: options.workers }),
    images: createImageStore(config, { cache, cacheDir }),
  };
}

/** The processed images, beside the originals; a name some other file has already is a collision. */
function addImages(files: Producers, images: ReadonlyMap<string, () => Uint8Array>): ColophonError[] {
  if (images.size === 0) return [];
  const taken = new Set([...files.keys()].map((path) => path.toLowerCase()));
  const errors: ColophonError[] = [];
  for (const [path, bytes] of images) {
    if (!taken.has(path.toLowerCase())) files.set(path, bytes);
    else {
      const message = `a resized image would be written to ${path}, where another file is written already`;
      errors.push(new ColophonError('E_COLLISION', message, { hint: 'rename that file, or the image it comes from' }));
    }
  }
  return errors;
}

/** Adds the index's files; the pages it rendered to make it are kept, not rendered again. */
/**
 * Source path ▶ what the image pass changed of its page: the marked-up body and its og:image. A
 * post's dependency key takes it in, so an image whose size changes re-renders the pages showing it.
 */
function imageMarkup(pictured: ImagesDone): Map<string, string> {
  const marked = new Map<string, string>();
  for (const [path, html] of pictured.changed) marked.set(path, html);
  for (const [path, og] of pictured.og) marked.set(path, `${marked.get(path) ?? ''}\n${og}`);
  return marked;
}

async function withIndex(files: Producers, search: SearchIndex): Promise<void> {
  const index = await search.build();
  for (const [path, bytes] of index.pages) files.set(path, () => bytes);
  for (const [path, producer] of index.files) files.set(path, producer);
}

/** Which posts the model holds: drafts or not, none dated after --as-of, and the dev server's clock. */
function siteOptions(config: Config, options: BuildOptions): SiteOptions {
  const asOf = asOfInstant(options.asOf, config.timezone);
  if (asOf instanceof ColophonError) throw new BuildFailure([asOf]);
  return { drafts: options.drafts ?? false, asOf, scheduledAfter: options.clock?.() };
}
