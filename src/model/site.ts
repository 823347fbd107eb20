import type { Config } from '../config/types.ts';
import type { Asset, Content, Source } from '../content/types.ts';
import { bundleOf, folderOf, isBundleIndex } from '../content/bundles.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { createZone, type Zone } from '../lib/zone.ts';
import { groupByMonth } from './archive.ts';
import { findCollisions } from './collisions.ts';
import { feedSpecs } from './feeds.ts';
import { allLists } from './lists.ts';
import { findLongPaths } from './long-paths.ts';
import { navItems } from './nav.ts';
import { neighbours } from './paginate.ts';
import { missingTargets, redirectsOf } from './redirects.ts';
import { expandPermalink, normalizeUrlPath, outputPathFor } from './permalink.ts';
import { attachTerms, CATEGORIES, collectTerms, sortTerms, TAGS, termIndexes } from './taxonomy.ts';
import type { BundleFile, Page, Post, Site, SiteOptions, Term } from './types.ts';

export function buildSite(config: Config, content: Content, options: SiteOptions): Site | ColophonError[] {
  const errors: ColophonError[] = [];
  const included = content.sources.filter((s) => isIncluded(s, options));
  const postSources = included.filter((s) => s.kind === 'post').sort(newestFirst);
  const { paths } = config;
  const categories = collectTerms(postSources, CATEGORIES, paths, errors);
  const tags = collectTerms(postSources, TAGS, paths, errors);
  const zone = createZone(config.timezone);
  const posts = postSources.map((source) => makePost(config, zone, source, categories, tags, options.scheduledAfter));
  posts.forEach((post, i) => Object.assign(post, neighbours(posts, i)));
  for (const post of posts) for (const term of [...post.categories, ...post.tags]) term.posts.push(post);
  const pages = included.filter((s) => s.kind === 'page').map((source) => makePage(source, errors));
  const [sortedCategories, sortedTags] = [sortTerms(categories), sortTerms(tags)];
  const months = groupByMonth(posts, zone, paths.month);
  const lists = allLists(posts, sortedCategories, sortedTags, months, config.postsPerPage, paths);
  const feeds = feedSpecs(config, posts, sortedCategories, sortedTags);
  const archive = { path: paths.archive, output: outputPathFor(paths.archive) };
  const indexes = termIndexes(sortedCategories, sortedTags, paths);
  const nav = navItems(config, content.sources, pages);
  if (nav instanceof ColophonError) errors.push(nav);
  const sitemap = { path: paths.sitemap, output: outputPathFor(paths.sitemap) };
  const generated = [sitemap.output, '404.html'].filter((output) => !isTaken(output, pages, content.assets));
  const site: Site = {
    config,
    posts,
    pages,
    categories: sortedCategories,
    tags: sortedTags,
    months,
    lists,
    feeds,
    archive,
    indexes,
    nav: nav instanceof ColophonError ? [] : nav,
    generated,
    sitemap,
    redirects: redirectsOf(config, posts, pages, errors),
    assets: content.assets,
    bundleFiles: publishedBundleFiles(content.bundleFiles ?? [], [...posts, ...pages]),
  };
  errors.push(...findLongPaths(site), ...findCollisions(site), ...missingTargets(site));
  return errors.length > 0 ? errors : site;
}

/** Each bundle's files, beside its page's output file; those of sources left out (drafts) are left out too. */
function publishedBundleFiles(files: readonly Asset[], owners: readonly (Post | Page)[]): BundleFile[] {
  const folders = new Map<string, string>(); // bundle folder ▶ the output folder of its page
  for (const { source, output } of owners) {
    if (isBundleIndex(source.path)) folders.set(folderOf(source.path), folderOf(`/${output}`).slice(1));
  }
  const keys = new Set(folders.keys());
  return files.flatMap(({ path, bytes }) => {
    const folder = bundleOf(path, keys);
    return folder === undefined
      ? []
      : [{ source: path, output: folders.get(folder)! + path.slice(folder.length), bytes }];
  });
}

/** Drafts only with --drafts; with a cut-off (--as-of), no post dated after it. */
function isIncluded(source: Source, options: SiteOptions): boolean {
  if (source.draft && !options.drafts) return false;
  return options.asOf === undefined || source.kind !== 'post' || source.date! <= options.asOf;
}

/** A page or a public/ file at a generated file's path replaces it (compared as collisions are). */
function isTaken(output: string, pages: Page[], assets: Asset[]): boolean {
  const key = output.toLowerCase();
  return [...pages.map((p) => p.output), ...assets.map((a) => a.path)].some((o) => o.toLowerCase() === key);
}

function newestFirst(a: Source, b: Source): number {
  return b.date! - a.date! || compareText(a.path, b.path);
}

type Terms = Map<string, Term>;

function makePost(
  config: Config,
  zone: Zone,
  source: Source,
  categories: Terms,
  tags: Terms,
  scheduledAfter?: number,
): Post {
  const cats = attachTerms(categories, source.categories);
  const path = expandPermalink(source.permalink ?? config.permalink, {
    wall: zone.wallTime(source.date!),
    slug: source.slug,
    category: cats[0]?.slug ?? 'uncategorized',
  });
  const scheduled = scheduledAfter !== undefined && source.date! > scheduledAfter;
  const updated = source.updated ?? source.date!;
  return {
    source,
    date: source.date!,
    updated,
    path,
    output: outputPathFor(path),
    categories: cats,
    tags: attachTerms(tags, source.tags),
    scheduled,
  };
}

function makePage(source: Source, errors: ColophonError[]): Page {
  const fromFile = source.path.replace(/^content\//, '').replace(/\.md$/i, '').replace(/(^|\/)index$/, '$1');
  const path = normalizeUrlPath(source.permalink ?? fromFile);
  if (/:[a-z]+/.test(path)) {
    errors.push(
      new ColophonError('E_PERMALINK', 'a page permalink cannot use date or slug tokens', { file: source.path }),
    );
  }
  return { source, path, output: outputPathFor(path) };
}
