import type { WallTime } from '../lib/zone.ts';

/** One post of the old blog, converted and ready to be placed in the site. */
export interface OldPost {
  /** POSIX path relative to the old blog's folder: "_posts/2014-10-13-hello.md". */
  source: string;
  /** Front matter to write, keys in the order they are written. */
  data: Record<string, unknown>;
  body: string;
  /** The post's date as wall-clock time in the old blog's timezone: it names the new file. */
  wall: WallTime;
  /** The last part of the new file's name: "hello" in 2014-10-13-hello.md. */
  slug: string;
  /** The URL path the old engine gave the post, and the file it wrote for it under its output root. */
  oldUrl: string;
  oldFile: string;
  /** What the conversion rewrote, one line each, for the report. */
  changes: string[];
  /** The line of the old file the body starts on, for reports. */
  bodyLine?: number;
  /** Other old URLs of the post, site-relative; they become its front matter `aliases`. */
  aliases?: string[];
  /** Files that lived beside the post (a Hugo page bundle), copied next to its new file or its URL. */
  files?: CopiedFile[];
}

export interface Skipped {
  source: string;
  reason: string;
}

export type Conversion = OldPost | Skipped;

export function isSkipped(conversion: Conversion): conversion is Skipped {
  return 'reason' in conversion;
}

/** A standalone page of the old blog, ready to be written to content/ (it keeps its URL by its path or permalink). */
export interface OldPage {
  source: string;
  /** Site-relative: "content/about.md". */
  target: string;
  text: string;
  oldUrl: string;
  changes: string[];
}

/** A file copied as it is: from the old blog's folder to the site's (public/..., or beside a post). */
export interface CopiedFile {
  source: string; // relative to the old blog's folder
  target: string; // relative to the site's folder
}

/**
 * An old public URL that is not a post or a page (a list, a feed, an archive) and what became of it:
 * served at the same path, redirected by an alias, or lost, with the reason.
 */
export interface OldUrl {
  url: string;
  what: string;
  how: 'same' | 'alias' | 'lost';
  /** For an alias: the path it now leads to. For a lost URL: why. */
  detail?: string;
}

/** The settings of the old blog as Colophon configuration (the keys of site.config.ts). */
export interface SiteSettings {
  title?: string;
  description?: string;
  url?: string;
  author?: { name: string };
  timezone?: string;
  permalink?: string;
  postsPerPage?: number;
  feeds?: string[];
  paths?: Record<string, unknown>;
  aliases?: Record<string, string>;
  redirects?: boolean;
}

/** What an engine's reader found: the posts, the timezone its configuration names, if any. */
export interface OldBlog {
  conversions: Conversion[];
  pages: OldPage[];
  /** Pages and files of the old blog that were not brought over, with the reason. */
  skipped: Skipped[];
  files: CopiedFile[];
  settings: SiteSettings;
  urls: OldUrl[];
  notes: string[];
  /** The timezone the old blog's configuration names (it dated posts without an offset in it). */
  timezone?: string;
  /** Where the old configuration was read from, for the report: "_config.yml". */
  configFile?: string;
}

export interface ImportedPost {
  source: string;
  target: string; // site-relative: "content/posts/2014/2014-10-13-hello.md"
  oldUrl: string;
  aliases?: string[];
  /** A draft of the old blog: its URL was not public, and Colophon builds it only with --drafts. */
  draft?: boolean;
  changes: string[];
}

export interface ImportReport {
  engine: string;
  dir: string;
  dryRun: boolean;
  converted: ImportedPost[];
  pages: ImportedPost[];
  skipped: Skipped[];
  /** Files copied (or, in a dry run, to be copied), and the ones that already existed. */
  copied: number;
  kept: string[];
  urls: OldUrl[];
  /** The configuration: written to `configFile`, or to be added by hand (`configText`). */
  config: { written?: string; text: string; existing: boolean };
  notes: string[];
}

/** The parts of _config.yml the importer uses, with Jekyll's defaults. */
export interface JekyllSettings {
  data: Record<string, unknown>;
  pattern: string;
  timezone?: string;
  /** `url` without a trailing slash, and `baseurl` ("/blog" or ""). */
  url: string;
  baseurl: string;
  perPage?: number;
  paginatePath?: string;
  /** jekyll-feed's path, when the site uses the plugin. */
  pluginFeed?: string;
}
