import { compareText } from '../lib/order.ts';
import { slugify } from '../lib/slug.ts';
import type { OldUrl } from './types.ts';

/** What the lists of an old blog need to know about a post. */
export interface ListedPost {
  categories: string[];
  tags: string[];
  draft: boolean;
}

/** A kind of term list of the old blog: its page patterns (`:slug`, `:num`) and how it made a slug. */
export interface TermLayout {
  page: string;
  pages?: string;
  feeds?: Record<string, string[]>;
  slug: (name: string) => string;
}

/**
 * Where an old blog put its lists and feeds, as patterns in the `paths` config's terms. A format's
 * feed may live at several URLs (Hugo's /index.xml and /post/index.xml): the first is the main one.
 */
export interface OldLayout {
  perPage: number;
  index: string;
  /** Pages 2, 3, ...; undefined when the old blog had one front page. */
  indexPage?: string;
  category?: TermLayout;
  tag?: TermLayout;
  feeds: Record<string, string[]>;
}

const FEED_NAMES: Record<string, string> = { atom: 'Atom feed', rss: 'RSS feed', json: 'JSON Feed' };

/** The `paths` config that puts Colophon's lists and feeds where the old blog had them. */
export function layoutPaths(layout: OldLayout): Record<string, unknown> {
  const one = (list: string[]) => list.length === 1 ? list[0] : list;
  const feeds = (table: Record<string, string[]> | undefined) =>
    table && Object.fromEntries(Object.entries(table).map(([format, list]) => [format, one(list)]));
  return {
    index: layout.index,
    indexPage: layout.indexPage,
    category: layout.category?.page,
    categoryPage: layout.category?.pages,
    tag: layout.tag?.page,
    tagPage: layout.tag?.pages,
    feeds: feeds(layout.feeds),
    categoryFeeds: feeds(layout.category?.feeds),
    tagFeeds: feeds(layout.tag?.feeds),
  };
}

/**
 * Every list and feed URL the old blog published for these posts, and what each is now: at the same
 * path, or (a term whose old slug Colophon makes differently) an alias to the new one.
 */
export function listUrls(layout: OldLayout, posts: ListedPost[]): { urls: OldUrl[]; aliases: Record<string, string> } {
  const published = posts.filter((post) => !post.draft);
  const urls: OldUrl[] = [];
  const aliases: Record<string, string> = {};
  pages(layout.index, layout.indexPage, published.length, layout.perPage).forEach((url) =>
    urls.push({ url, what: 'front index', how: 'same' })
  );
  for (const [format, list] of Object.entries(layout.feeds)) {
    for (const url of list) urls.push({ url, what: `site ${FEED_NAMES[format] ?? format}`, how: 'same' });
  }
  for (const [kind, term] of [['category', layout.category], ['tag', layout.tag]] as const) {
    if (!term) continue;
    for (const [name, count] of termCounts(published, kind)) {
      const fill = (pattern: string, slug: string) => pattern.replace(/:slug/g, slug);
      const old = term.slug(name);
      const now = slugify(name);
      const add = (oldUrl: string, newUrl: string, what: string) => {
        if (old === now) urls.push({ url: oldUrl, what, how: 'same' });
        else {
          urls.push({ url: oldUrl, what, how: 'alias', detail: newUrl });
          aliases[oldUrl] = newUrl;
        }
      };
      const listed = pages(fill(term.page, old), term.pages && fill(term.pages, old), count, layout.perPage);
      const moved = pages(fill(term.page, now), term.pages && fill(term.pages, now), count, layout.perPage);
      listed.forEach((url, i) => add(url, moved[i]!, `${kind} ${name}`));
      for (const [format, list] of Object.entries(term.feeds ?? {})) {
        for (const pattern of list) {
          add(fill(pattern, old), fill(pattern, now), `${kind} ${name} ${FEED_NAMES[format]}`);
        }
      }
    }
  }
  return { urls, aliases };
}

/** Page 1 at `first`, pages 2.. at `rest` with :num filled in (a list always has page 1). */
export function pages(first: string, rest: string | undefined, count: number, perPage: number): string[] {
  const total = Math.max(1, Math.ceil(count / perPage));
  const out = [first];
  if (rest) { for (let n = 2; n <= total; n++) out.push(rest.replace(/:num/g, String(n))); }
  return out;
}

/** Each term's name (the spelling of its first post, as Colophon shows it) and its number of posts. */
function termCounts(posts: ListedPost[], kind: 'category' | 'tag'): [string, number][] {
  const counts = new Map<string, { name: string; count: number }>();
  for (const post of posts) {
    for (const name of new Set(kind === 'category' ? post.categories : post.tags)) {
      const key = slugify(name);
      const entry = counts.get(key) ?? { name, count: 0 };
      entry.count++;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].map((e) => [e.name, e.count] as [string, number]).sort((a, b) => compareText(a[0], b[0]));
}
