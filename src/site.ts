import type { Config } from './config.ts';
import type { Asset, Content, Source } from './content.ts';
import { ColophonError, compareText } from './errors.ts';
import { neighbours, pagePath, paginate } from './paginate.ts';
import { expandPermalink, normalizeUrlPath, outputPathFor } from './permalink.ts';
import { slugify } from './slug.ts';
import { createZone, type Zone } from './zone.ts';

export interface Category {
  key: string; // lower-cased name: names compare case-insensitively
  name: string; // the spelling of the oldest post that uses it
  slug: string;
  path: string; // "/category/docker/"
  posts: Post[]; // newest first
}

export interface Post {
  source: Source;
  date: number;
  updated: number;
  path: string; // site-relative URL path
  output: string; // output file
  categories: Category[];
  newer?: Post;
  older?: Post;
}

export interface Page {
  source: Source;
  path: string;
  output: string;
}

export interface ListPage {
  kind: 'index' | 'category';
  category?: Category;
  number: number;
  count: number;
  posts: Post[];
  path: string;
  output: string;
  newer?: string; // path of page N-1
  older?: string; // path of page N+1
}

export interface FeedSpec {
  title: string;
  path: string; // "/feed/atom.xml"
  output: string;
  home: string; // the HTML page the feed belongs to
  posts: Post[];
  category?: Category;
}

export interface Site {
  config: Config;
  posts: Post[];
  pages: Page[];
  categories: Category[]; // by slug
  lists: ListPage[];
  feeds: FeedSpec[];
  assets: Asset[];
}

export interface SiteOptions {
  drafts: boolean;
}

export function buildSite(config: Config, content: Content, options: SiteOptions): Site | ColophonError[] {
  const errors: ColophonError[] = [];
  const included = content.sources.filter((s) => options.drafts || !s.draft);
  const postSources = included.filter((s) => s.kind === 'post').sort(newestFirst);
  const categories = collectCategories(postSources, errors);
  const zone = createZone(config.timezone);
  const posts = postSources.map((source) => makePost(config, zone, source, categories));
  posts.forEach((post, i) => Object.assign(post, neighbours(posts, i)));
  for (const post of posts) for (const category of post.categories) category.posts.push(post);
  const pages = included.filter((s) => s.kind === 'page').map((source) => makePage(source, errors));
  const sortedCategories = [...categories.values()].sort((a, b) => compareText(a.slug, b.slug));
  const lists = [
    ...listPages('index', '/', posts, config.postsPerPage),
    ...sortedCategories.flatMap((c) => listPages('category', c.path, c.posts, config.postsPerPage, c)),
  ];
  const feeds = [
    feedSpec(config.title, '/', posts, config.feedEntries),
    ...sortedCategories.map((c) => feedSpec(`${config.title}: ${c.name}`, c.path, c.posts, config.feedEntries, c)),
  ];
  const site: Site = { config, posts, pages, categories: sortedCategories, lists, feeds, assets: content.assets };
  errors.push(...findCollisions(site));
  return errors.length > 0 ? errors : site;
}

function newestFirst(a: Source, b: Source): number {
  return b.date! - a.date! || compareText(a.path, b.path);
}

/** Walks posts oldest first so each category keeps the spelling of the oldest post using it. */
function collectCategories(posts: Source[], errors: ColophonError[]): Map<string, Category> {
  const byKey = new Map<string, Category>();
  const bySlug = new Map<string, { category: Category; file: string }>();
  for (const source of [...posts].reverse()) {
    for (const name of source.categories) {
      const key = name.toLowerCase();
      if (byKey.has(key)) continue;
      const slug = slugify(name);
      if (slug === '') {
        errors.push(new ColophonError('E_CATEGORY_SLUG', `the category "${name}" has no letters or digits to make a URL from`, { file: source.path, hint: 'rename the category' }));
        continue;
      }
      const category: Category = { key, name, slug, path: `/category/${slug}/`, posts: [] };
      const clash = bySlug.get(slug);
      if (clash) {
        errors.push(new ColophonError('E_CATEGORY_SLUG', `the categories "${clash.category.name}" (${clash.file}) and "${name}" (${source.path}) would share the URL /category/${slug}/`, { file: source.path, hint: 'use one spelling for both, or rename one of them' }));
        continue;
      }
      byKey.set(key, category);
      bySlug.set(slug, { category, file: source.path });
    }
  }
  return byKey;
}

function makePost(config: Config, zone: Zone, source: Source, categories: Map<string, Category>): Post {
  const cats = source.categories.map((n) => categories.get(n.toLowerCase())).filter((c) => c !== undefined);
  const path = expandPermalink(source.permalink ?? config.permalink, {
    wall: zone.wallTime(source.date!),
    slug: source.slug,
    category: cats[0]?.slug ?? 'uncategorized',
  });
  return { source, date: source.date!, updated: source.updated ?? source.date!, path, output: outputPathFor(path), categories: cats };
}

function makePage(source: Source, errors: ColophonError[]): Page {
  const fromFile = source.path.replace(/^content\//, '').replace(/\.md$/i, '').replace(/(^|\/)index$/, '$1');
  const path = normalizeUrlPath(source.permalink ?? fromFile);
  if (/:[a-z]+/.test(path)) {
    errors.push(new ColophonError('E_PERMALINK', 'a page permalink cannot use date or slug tokens', { file: source.path }));
  }
  return { source, path, output: outputPathFor(path) };
}

function listPages(kind: ListPage['kind'], first: string, posts: Post[], perPage: number, category?: Category): ListPage[] {
  return paginate(posts, perPage).map((page) => {
    const path = pagePath(first, page.number);
    return {
      kind,
      category,
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

function feedSpec(title: string, home: string, posts: Post[], entries: number, category?: Category): FeedSpec {
  const path = `${home}feed/atom.xml`;
  return { title, path, output: outputPathFor(path), home, posts: posts.slice(0, entries), category };
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
  for (const list of site.lists) claim(list.output, list.kind === 'index' ? `the front index, page ${list.number}` : `the category page "${list.category!.name}", page ${list.number}`);
  for (const feed of site.feeds) claim(feed.output, `the feed ${feed.path}`);
  for (const asset of site.assets) claim(asset.path, `public/${asset.path}`);
  const errors: ColophonError[] = [];
  for (const { output, list } of owners.values()) {
    if (list.length > 1) errors.push(collisionError(list, output));
  }
  return errors;
}

function collisionError(owners: string[], output: string): ColophonError {
  const all = [...owners].sort(compareText);
  const files = all.filter((o) => o.startsWith('content/') || o.startsWith('public/'));
  return new ColophonError('E_COLLISION', `${all.join(' and ')} would all be written to ${output}`, {
    file: files[0],
    hint: 'give one of them another permalink or slug',
  });
}
