import type { FeedFormat } from '../config/feed-formats.ts';
import type { Config } from '../config/types.ts';
import type { Asset, Source } from '../content/types.ts';

/** The site model: what buildSite makes of the sources. Pure data, no I/O and no HTML. */

/** A category or a tag: a name on posts, which gets its own list pages and feeds. */
export interface Term {
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
  categories: Term[];
  tags: Term[]; // the same shape as categories, under /tag/
  /** Dated after the dev server's clock: shown, but marked as not yet due. Never set by a build. */
  scheduled: boolean;
  newer?: Post;
  older?: Post;
}

export interface Page {
  source: Source;
  path: string;
  output: string;
}

export interface ListPage {
  kind: 'index' | 'category' | 'tag' | 'month';
  category?: Term;
  tag?: Term;
  month?: Month;
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
  format: FeedFormat;
  path: string; // "/feed/atom.xml"
  output: string;
  home: string; // the HTML page the feed belongs to
  posts: Post[];
  category?: Term;
  tag?: Term;
  /** With feedArchives, where this document stands among the feed's documents (RFC 5005). */
  history?: FeedHistory;
}

/**
 * RFC 5005 links of a feed document, as site paths: the subscription feed names its newest archive;
 * an archive document (fixed pages of the oldest posts, numbered from 1) names the subscription
 * feed and its neighbours.
 */
export interface FeedHistory {
  archive: boolean; // an archive document, else the subscription feed
  current: string; // the subscription feed
  prev?: string; // prev-archive: the archive document of the next older posts
  next?: string; // next-archive: the archive document of the next newer posts
}

/** A link of the header: a page (its title and path as they are now), a path of this site, or a URL. */
export type NavItem =
  | { kind: 'page'; page: Page }
  | { kind: 'path'; title: string; path: string } // "/archive/": the base path is added when printed
  | { kind: 'url'; title: string; url: string }; // printed as given

/** /category/ or /tag/: every category or tag, with the number of its posts. */
export interface TermIndex {
  kind: 'categories' | 'tags';
  path: string; // "/category/"
  output: string;
  terms: Term[]; // by slug
}

export interface Site {
  config: Config;
  posts: Post[];
  pages: Page[];
  categories: Term[]; // by slug
  tags: Term[]; // by slug
  months: Month[]; // newest first
  lists: ListPage[];
  feeds: FeedSpec[];
  archive: { path: string; output: string };
  /** /category/ always; /tag/ when any post has tags. */
  indexes: TermIndex[];
  nav: NavItem[];
  /** sitemap.xml and 404.html, each unless a page or a file in public/ is written there. */
  generated: string[];
  /** Where the sitemap goes (config `paths.sitemap`); written when `generated` has its output. */
  sitemap: { path: string; output: string };
  /** Front matter and config aliases, by old path. */
  redirects: Redirect[];
  assets: Asset[];
  /** The files of the posts' and pages' bundles, each to be published beside its page. */
  bundleFiles: BundleFile[];
}

/** A file of a page bundle: "content/posts/trip/photo.jpg" published as "2024/05/01/trip/photo.jpg". */
export interface BundleFile {
  source: string;
  output: string;
  bytes: Uint8Array;
}

/** An old path of the site and where it leads now. */
export interface Redirect {
  from: string; // "/2009/08/old-slug.html", as paths of the site are (no base path)
  to: string; // "/2009/08/12/old-slug/"
  /** The redirect page's output file: for a folder or an .html path; else only a _redirects line. */
  output?: string;
  file: string; // the source whose front matter names it, or site.config.ts
}

export interface SiteOptions {
  drafts: boolean;
  /** Posts dated after this instant (epoch ms) are left out: `--as-of` or SOURCE_DATE_EPOCH. */
  asOf?: number;
  /** The dev server's clock: posts dated after it are marked `scheduled`. */
  scheduledAfter?: number;
}

/** The posts of one calendar month in the site's timezone. */
export interface Month {
  year: number;
  month: number; // 1-12
  key: string; // "2024/03"
  path: string; // "/archive/2024/03/"
  posts: Post[]; // newest first
}
