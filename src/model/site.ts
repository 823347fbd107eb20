import { ARCHIVE_PATH, groupByMonth } from './archive.ts';
import type { ListPage, Month, Page, Post, Site, SiteOptions, Term } from './types.ts';
import type { Config } from '../config/load.ts';
import type { Asset, Content, Source } from '../content/types.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { feedSpecs } from './feeds.ts';
import { neighbours, pagePath, paginate } from './paginate.ts';
import { expandPermalink, normalizeUrlPath, outputPathFor } from './permalink.ts';
import { attachTerms, CATEGORIES, collectTerms, sortTerms, TAGS } from './taxonomy.ts';
import { createZone, type Zone } from '../lib/zone.ts';

const GENERATED = ['sitemap.xml', '404.html'];

export function buildSite(config: Config, content: Content, options: SiteOptions): Site | ColophonError[] {
  const errors: ColophonError[] = [];
  const included = content.sources.filter((s) => isIncluded(s, options));
  const postSources = included.filter((s) => s.kind === 'post').sort(newestFirst);
  const categories = collectTerms(postSources, CATEGORIES, errors);
  const tags = collectTerms(postSources, TAGS, errors);
  const zone = createZone(config.timezone);
  const posts = postSources.map((source) => makePost(config, zone, source, categories, tags, options.scheduledAfter));
  posts.forEach((post, i) => Object.assign(post, neighbours(posts, i)));
  for (const post of posts) for (const term of [...post.categories, ...post.tags]) term.posts.push(post);
  const pages = included.filter((s) => s.kind === 'page').map((source) => makePage(source, errors));
  const [sortedCategories, sortedTags] = [sortTerms(categories), sortTerms(tags)];
  const months = groupByMonth(posts, zone);
  const lists = allLists(posts, sortedCategories, sortedTags, months, config.postsPerPage);
  const feeds = feedSpecs(config, posts, sortedCategories, sortedTags);
  const archive = { path: ARCHIVE_PATH, output: outputPathFor(ARCHIVE_PATH) };
  const generated = GENERATED.filter((output) => !isTaken(output, pages, content.assets));
  const site: Site = { config, posts, pages, categories: sortedCategories, tags: sortedTags, months, lists, feeds, archive, generated, assets: content.assets };
  errors.push(...findCollisions(site));
  return errors.length > 0 ? errors : site;
}

/** Drafts only with --drafts; with a cut-off (--as-of), no post dated after it. */
function isIncluded(source: Source, options: SiteOptions): boolean {
  if (source.draft && !options.drafts) return false;
  return options.asOf === undefined || source.kind !== 'post' || source.date! <= options.asOf;
}

function allLists(posts: Post[], categories: Term[], tags: Term[], months: Month[], per: number): ListPage[] {
  return [
    ...listPages('index', '/', posts, per),
    ...categories.flatMap((c) => listPages('category', c.path, c.posts, per, { category: c })),
    ...tags.flatMap((t) => listPages('tag', t.path, t.posts, per, { tag: t })),
    ...months.flatMap((m) => listPages('month', m.path, m.posts, per, { month: m })),
  ];
}

/** A page or a public/ file at a generated file's path replaces it (compared as collisions are). */
function isTaken(output: string, pages: Page[], assets: Asset[]): boolean {
  return [...pages.map((p) => p.output), ...assets.map((a) => a.path)].some((o) => o.toLowerCase() === output);
}

function newestFirst(a: Source, b: Source): number {
  return b.date! - a.date! || compareText(a.path, b.path);
}

type Terms = Map<string, Term>;

function makePost(config: Config, zone: Zone, source: Source, categories: Terms, tags: Terms, scheduledAfter?: number): Post {
  const cats = attachTerms(categories, source.categories);
  const path = expandPermalink(source.permalink ?? config.permalink, {
    wall: zone.wallTime(source.date!),
    slug: source.slug,
    category: cats[0]?.slug ?? 'uncategorized',
  });
  const scheduled = scheduledAfter !== undefined && source.date! > scheduledAfter;
  const updated = source.updated ?? source.date!;
  return { source, date: source.date!, updated, path, output: outputPathFor(path), categories: cats, tags: attachTerms(tags, source.tags), scheduled };
}

function makePage(source: Source, errors: ColophonError[]): Page {
  const fromFile = source.path.replace(/^content\//, '').replace(/\.md$/i, '').replace(/(^|\/)index$/, '$1');
  const path = normalizeUrlPath(source.permalink ?? fromFile);
  if (/:[a-z]+/.test(path)) {
    errors.push(new ColophonError('E_PERMALINK', 'a page permalink cannot use date or slug tokens', { file: source.path }));
  }
  return { source, path, output: outputPathFor(path) };
}

type ListOwner = Pick<ListPage, 'category' | 'tag' | 'month'>;

function listPages(kind: ListPage['kind'], first: string, posts: Post[], perPage: number, owner: ListOwner = {}): ListPage[] {
  return paginate(posts, perPage).map((page) => {
    const path = pagePath(first, page.number);
    return {
      kind,
      ...owner,
      number: page.number,
      count: page.count,
      posts: page.items,
      path,
      output: outputPathFor(path),
      newer: page.number > 1 ? pagePath(first, page.number - 1) : undefined,
      older: page.number < page.count ? pagePath(first, page.number + 1) : undefined,
    };
  });
}


/** Two things that would be written to one output path: an error naming every source involved. */
function findCollisions(site: Site): ColophonError[] {
  // Case-folded: on macOS and Windows "Hello/" and "hello/" are one folder, and a site must build
  // the same everywhere.
  const owners = new Map<string, { output: string; list: string[] }>();
  const claim = (output: string, owner: string) => {
    const key = output.toLowerCase();
    const entry = owners.get(key) ?? owners.set(key, { output, list: [] }).get(key)!;
    entry.list.push(owner);
  };
  for (const post of site.posts) claim(post.output, post.source.path);
  for (const page of site.pages) claim(page.output, page.source.path);
  for (const list of site.lists) claim(list.output, `${listOwner(list)}, page ${list.number}`);
  claim(site.archive.output, 'the archive page');
  for (const feed of site.feeds) claim(feed.output, `the feed ${feed.path}`);
  for (const asset of site.assets) claim(asset.path, `public/${asset.path}`);
  const errors: ColophonError[] = [];
  for (const { output, list } of owners.values()) {
    if (list.length > 1) errors.push(collisionError(list, output));
  }
  return errors;
}

function listOwner(list: ListPage): string {
  if (list.category) return `the category page "${list.category.name}"`;
  if (list.tag) return `the tag page "${list.tag.name}"`;
  return list.month ? `the archive of ${list.month.key}` : 'the front index';
}

function collisionError(owners: string[], output: string): ColophonError {
  const all = [...owners].sort(compareText);
  const files = all.filter((o) => o.startsWith('content/') || o.startsWith('public/'));
  return new ColophonError('E_COLLISION', `${all.join(' and ')} would all be written to ${output}`, {
    file: files[0],
    hint: 'give one of them another permalink or slug',
  });
}
