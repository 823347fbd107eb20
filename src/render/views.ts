import { FEED_INFO } from '../config/feed-formats.ts';
import type { Config } from '../config/types.ts';
import type { Source } from '../content/types.ts';
import { againstPage, rewriteUrls, scopeIds, underBase } from '../lib/html.ts';
import { createZone, formatIso, formatLong, formatMonth, type Zone } from '../lib/zone.ts';
import { feedPaths } from '../model/feeds.ts';
import { SEARCH_FOLDER } from '../model/collisions.ts';
import type { ListPage, Post, Site, Term } from '../model/types.ts';
import { describeBody } from './describe.ts';
import { excerptOf } from './excerpt.ts';

/** What templates see. Everything is ready to print: hrefs carry the base path, dates are formatted. */
export interface SiteView {
  title: string;
  description: string;
  url: string;
  basePath: string;
  author: Config['author'];
  home: string;
  feed: string; // the site's first feed
  feeds: FeedView[]; // the site's feeds, one per configured format
  archive: string;
  /** config `data`: plain values for templates. */
  data: Record<string, unknown>;
  language: string; // config `language`: <html lang>
  categoryIndex: string; // href of /category/
  tagIndex?: string; // href of /tag/, when any post has tags
  /** With `search: true`: where Pagefind's files are (its script is `${bundle}pagefind.js`). */
  search?: { bundle: string };
  /** favicon.ico, favicon.png and favicon.svg, those of them that public/ has. */
  favicons: { href: string; type: string }[];
}

/** A link of the header; `current` on the page it links to (aria-current="page"). */
export interface NavView {
  title: string;
  href: string;
  current: boolean;
}

export interface FeedView {
  title: string;
  href: string;
  type: string; // MIME type
  label: string; // "Atom feed"
}

export interface LinkView {
  title: string;
  href: string;
}

export interface PostView {
  title: string;
  href: string;
  url: string; // absolute
  date: { iso: string; text: string };
  updated: { iso: string; text: string };
  categories: { name: string; href: string }[];
  tags: { name: string; href: string }[];
  html: string;
  /** Prints exactly as `html` does, splicer in as bytes encoded once (see BodySplicer): for printing only. */
  body: string;
  excerpt?: string; // the HTML before `<!-- more -->`
  /** Front matter `description`, else the excerpt or first paragraph as text, else the site's. */
  description: string;
  image?: string; // front matter `image`, as an absolute URL
  draft: boolean;
  scheduled: boolean;
  data: Record<string, unknown>;
}

export interface Presenter {
  zone: Zone;
  site: SiteView;
  excerpts: boolean; // lists show excerpts (config `excerpts`)
  href(path: string): string;
  absolute(path: string): string;
  /** `mark` turns the body HTML into what `body` prints (see BodySplicer); without it, the HTML itself. */
  post(post: Post, html: string | (() => string), mark?: (html: string) => string): PostView;
  /**
   * The view of a post for a list page, which shows several: the ids in its body and excerpt get
   * `scope` as a prefix so that the posts keep theirs apart (see scopeIds).
   */
  listed(view: PostView, scope: string, mark?: (html: string) => string): PostView;
  bodyLinks(html: string): string;
  listTitle(list: ListPage): string;
  listHeading(list: ListPage): string | undefined;
  /** The site's feeds (no term), a category's or a tag's: one per configured format, at its first path. */
  feedsOf(title: string, term?: Term, isTag?: boolean): FeedView[];
  /** The header's links as seen from the page at `path` (undefined: the 404 page, seen from anywhere). */
  nav(path?: string): NavView[];
  /** A page's description: its own, else its body's first words, else the site's. */
  description(own: string | undefined, html: string, excerpt?: string): string;
  /** Front matter `image` as an absolute URL: a URL as it is, a path as links in the page's body are read. */
  image(image: string | undefined, path: string): string | undefined;
  /** A source's front matter `image` as `image` gives it, or the processed image it became (see markdown/images.ts). */
  ogImage(source: Source, path: string): string | undefined;
}

/** What the presenter needs of the site model besides the configuration. */
export type PresentedSite = Pick<Site, 'config' | 'nav' | 'indexes' | 'assets'>;

const FAVICONS: [string, string][] = [['favicon.ico', 'image/x-icon'], ['favicon.png', 'image/png'], [
  'favicon.svg',
  'image/svg+xml',
]];

export function createPresenter(
  { config, nav, indexes, assets }: PresentedSite,
  processed: ReadonlyMap<string, string> = new Map(),
): Presenter {
  const zone = createZone(config.timezone);
  const href = (path: string) => encodeURI(config.basePath + path.replace(/^\//, ''));
  const absolute = (path: string) => new URL(href(path), config.url).href;
  const when = (epochMs: number) => ({ iso: formatIso(zone, epochMs), text: formatLong(zone.wallTime(epochMs)) });
  const categoryLink = (c: Term) => ({ name: c.name, href: href(c.path) });
  const feedsOf = (title: string, term?: Term, isTag?: boolean) =>
    config.feeds.map((format) => ({
      title,
      href: href(feedPaths(config.paths, format, term, isTag)[0]!),
      type: FEED_INFO[format].type,
      label: FEED_INFO[format].label,
    }));
  const listHeading = (list: ListPage) =>
    list.category?.name ?? (list.tag && `Tag: ${list.tag.name}`) ??
      (list.month && formatMonth(list.month.year, list.month.month));
  const siteFeeds = feedsOf(config.title);
  const description = (own: string | undefined, html: string, excerpt?: string) =>
    own ?? describeBody(html, excerpt) ?? config.description;
  const image = (image: string | undefined, path: string) => {
    if (image === undefined) return undefined;
    const page = absolute(path);
    return new URL(image.startsWith('/') && !image.startsWith('//') ? href(image) : image, page).href;
  };
  const navLinks = nav.map((item) =>
    item.kind === 'url'
      ? { title: item.title, href: item.url }
      : item.kind === 'path'
      ? { title: item.title, href: href(item.path) }
      : { title: item.page.source.title, href: href(item.page.path) }
  );
  const tagIndex = indexes.find((i) => i.kind === 'tags');
  const favicons = FAVICONS.filter(([file]) => assets.some((a) => a.path === file));
  return {
    zone,
    site: {
      title: config.title,
      description: config.description,
      url: config.url,
      basePath: config.basePath,
      author: config.author,
      home: href(config.paths.index),
      feed: siteFeeds[0]!.href,
      feeds: siteFeeds,
      archive: href(config.paths.archive),
      data: config.data,
      language: config.language,
      categoryIndex: href(config.paths.categories),
      tagIndex: tagIndex && href(tagIndex.path),
      search: config.search ? { bundle: href(`${SEARCH_FOLDER}/`) } : undefined,
      favicons: favicons.map(([file, type]) => ({ href: href(file), type })),
    },
    excerpts: config.excerpts,
    href,
    absolute,
    feedsOf,
    listHeading,
    description,
    image,
    ogImage: (source, path) => image(processed.get(source.path) ?? source.image, path),
    nav: (path) => {
      const own = path === undefined ? undefined : href(path);
      return navLinks.map((link) => ({ ...link, current: link.href === own }));
    },
    // At the root, root-relative links are already right: no pass over every body for nothing.
    bodyLinks: config.basePath === '/'
      ? (html) => html
      : (html) => rewriteUrls(html, underBase(config.basePath), { fragments: false }),
    listed: (view, scope, mark = (html) => html) => {
      const html = scopeIds(view.html, scope, view.href);
      const excerpt = view.excerpt === undefined ? undefined : scopeIds(view.excerpt, scope, view.href);
      // A body without ids or fragment links is the same HTML: the same bytes, encoded once.
      return { ...view, html, body: html === view.html ? view.body : mark(html), excerpt };
    },
    // The body's HTML (and what is read from it) is made when a template first asks: the archive
    // and the term pages show thousands of posts by title and date only.
    post: (post, body, mark = (html) => html) => {
      const page = href(post.path);
      let html: string | undefined;
      let marked: string | undefined;
      let excerpt: { of?: string } | undefined;
      let described: string | undefined;
      return {
        title: post.source.title,
        href: page,
        url: absolute(post.path),
        date: when(post.date),
        updated: when(post.updated),
        categories: post.categories.map(categoryLink),
        tags: post.tags.map(categoryLink),
        get html() {
          return html ??= rewriteUrls(typeof body === 'string' ? body : body(), againstPage(page), {
            fragments: false,
          });
        },
        get body() {
          return marked ??= mark(this.html);
        },
        get excerpt() {
          return (excerpt ??= { of: excerptOf(this.html) }).of;
        },
        get description() {
          return described ??= description(post.source.description, this.html, this.excerpt);
        },
        image: image(processed.get(post.source.path) ?? post.source.image, post.path),
        draft: post.source.draft,
        scheduled: post.scheduled,
        data: post.source.data,
      };
    },
    listTitle: (list) => {
      const heading = listHeading(list);
      const base = heading === undefined ? config.title : `${heading} — ${config.title}`;
      return list.number === 1 ? base : `${base} (page ${list.number})`;
    },
  };
}
