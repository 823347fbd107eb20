import type { Config } from '../config/types.ts';
import type { Asset, Source } from '../content/types.ts';
import { BuildFailure } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { buildSite } from './site.ts';
import type { Page, Post, Site, SiteOptions } from './types.ts';

/**
 * The site model kept between the dev server's refreshes. After edits to sources only, the last
 * model is reused where it can be (see updateSite); after anything else it is built again.
 */
export interface ModelStore {
  /** Records what changed since the last model: source paths, or 'all' for anything else. */
  invalidate(changed: readonly string[] | 'all'): void;
  /** The model of these sources and assets. Throws BuildFailure with every problem in the site. */
  site(
    config: Config,
    sources: ReadonlyMap<string, Source>,
    assets: ReadonlyMap<string, Uint8Array>,
    options: SiteOptions,
    bundleFiles?: ReadonlyMap<string, Uint8Array>,
  ): Site;
}

export function createModelStore(): ModelStore {
  let last: Site | undefined;
  let clock: number | undefined; // the last model's scheduledAfter
  let pending: string[] | 'all' = 'all';
  return {
    invalidate(changed) {
      pending = changed === 'all' || pending === 'all' ? 'all' : [...pending, ...changed];
    },
    site(config, sources, assets, options, bundleFiles = new Map()) {
      const reused = last && pending !== 'all' ? updateSite(last, pending, sources) : undefined;
      if (reused) markScheduled(reused.posts, clock, options.scheduledAfter);
      let site = reused;
      if (!site) {
        const ordered = [...sources.keys()].sort(compareText).map((path) => sources.get(path)!);
        const files: Asset[] = [...assets.keys()].sort(compareText).map((path) => ({ path, bytes: assets.get(path)! }));
        const bundled = [...bundleFiles.keys()].sort(compareText).map((path) => ({
          path,
          bytes: bundleFiles.get(path)!,
        }));
        const built = buildSite(config, { sources: ordered, assets: files, bundleFiles: bundled, errors: [] }, options);
        if (Array.isArray(built)) throw new BuildFailure(built);
        site = built;
      }
      last = site;
      clock = options.scheduledAfter;
      pending = [];
      return site;
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
function updateSite(site: Site, changed: string[], sources: ReadonlyMap<string, Source>): Site | undefined {
  const owners = ownersOf(site);
  const swaps: [Post | Page, Source][] = [];
  for (const path of new Set(changed)) {
    const owner = owners.get(path);
    const source = sources.get(path);
    if (!owner || !source || !sameShape(owner.source, source)) return undefined;
    swaps.push([owner, source]);
  }
  for (const [owner, source] of swaps) owner.source = source;
  const log = swapLog.get(site) ?? swapLog.set(site, []).get(site)!;
  log.push(...swaps.map(([, source]) => source.path));
  return site;
}

/** The paths of the sources swapped into each reused model, in order: what was made of it may need a second look. */
const swapLog = new WeakMap<Site, string[]>();

/** The source path of every swap into `site` since it was built, oldest first (see updateSite). */
export function swappedPaths(site: Site): readonly string[] {
  return swapLog.get(site) ?? [];
}

/**
 * Marks the posts dated after the dev server's clock, as it moved from `before` to `now` (undefined:
 * no clock, nothing scheduled). Posts come newest first, and only one dated after the earlier of
 * the two can change, so a save looks at the scheduled posts, not at all of them.
 */
function markScheduled(posts: readonly Post[], before: number | undefined, now: number | undefined): void {
  const from = Math.min(before ?? Infinity, now ?? Infinity);
  for (const post of posts) {
    if (!(post.date > from)) break;
    post.scheduled = now !== undefined && post.date > now;
  }
}

/** Each post and page of a model by its source path: a reused model keeps its members, so this is kept with it. */
const ownerIndex = new WeakMap<Site, Map<string, Post | Page>>();
export function ownersOf(site: Site): ReadonlyMap<string, Post | Page> {
  let owners = ownerIndex.get(site);
  if (!owners) {
    owners = new Map();
    for (const post of site.posts) owners.set(post.source.path, post);
    for (const page of site.pages) owners.set(page.source.path, page);
    ownerIndex.set(site, owners);
  }
  return owners;
}

function sameShape(a: Source, b: Source): boolean {
  const same = (x: string[], y: string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.kind === b.kind && a.date === b.date && a.updated === b.updated && a.slug === b.slug &&
    a.permalink === b.permalink && a.draft === b.draft && same(a.categories, b.categories) && same(a.tags, b.tags) &&
    same(a.aliases, b.aliases)
  );
}
