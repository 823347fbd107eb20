import type { FeedFormat } from './feed-formats.ts';
import type { Paths, PathsConfig } from './paths.ts';

export interface Author {
  name: string;
  email?: string;
  uri?: string;
}

/** What a site.config.ts may say. Every field is optional. */
export interface SiteConfig {
  title?: string;
  description?: string;
  url?: string;
  author?: Author;
  timezone?: string;
  postsPerPage?: number;
  feedEntries?: number;
  outDir?: string;
  permalink?: string;
  /** Also publish the manifest inside the output, as colophon-manifest.json. */
  publishManifest?: boolean;
  /** Build-time code highlighting with shiki; false turns it off. */
  highlight?: false | HighlightConfig;
  /** Lists show each post up to its `<!-- more -->` line, with a "Continue reading" link. */
  excerpts?: boolean;
  /** Feed formats to publish for the site, each category and each tag. */
  feeds?: FeedFormat[];
  /** RFC 5005 archived feeds: every post stays reachable from each Atom and RSS feed. */
  feedArchives?: boolean;
  /** Markdown options: raw HTML, heading anchors, footnotes, and markdown-it plugins. */
  markdown?: MarkdownConfig;
  /** Functions every template can call as `it.helpers.name(...)`. */
  helpers?: Record<string, (...args: never[]) => unknown>;
  /** Plain values every template sees as `it.site.data`, such as the contents of a JSON file. */
  data?: Record<string, unknown>;
  /** Run in order on every HTML page after its template: `(html, { path }) => html`. Not on feeds. */
  transforms?: Transform[];
  /** The site's language, a BCP 47 tag such as 'en' or 'de-AT': `<html lang>`, the feeds, the search index. */
  language?: string;
  /**
   * The header's links: `{ title, href }`, or the path of a page under content/ ('about.md'). Without
   * it, the standalone pages in path order, then the archive; `[]` shows none.
   */
  nav?: NavEntry[];
  /** A full-text search index built with Pagefind, and a search box in the theme. */
  search?: boolean;
  /** Where lists, feeds and the sitemap are written, as patterns; the defaults are the layout above. */
  paths?: PathsConfig;
  /** Site-level redirects: { old path: the path it now lives at } (a list, a feed, a page). */
  aliases?: Record<string, string>;
  /** Also write every redirect (front matter and config aliases) into _redirects (Netlify, Cloudflare Pages). */
  redirects?: boolean;
  /** Responsive sizes of the local JPEG, PNG, WebP and AVIF images posts show; false turns it off. */
  images?: false | ImagesConfig;
}

export interface ImagesConfig {
  /** The widths each image is written in, in pixels (default 640, 1280, 1920); never wider than the original. */
  widths?: number[];
  /** The `sizes` attribute: how wide the image is shown (default "100vw"). */
  sizes?: string;
}

/** A link of the header: its text and where it goes, or a page named by its path under content/. */
export type NavEntry = string | { title: string; href: string };

export interface MarkdownConfig {
  /** Raw HTML in posts is allowed unless `html: false` (the author is trusted). */
  html?: boolean;
  /** An id and a self-link on every heading (default true). */
  anchors?: boolean;
  /** `[^1]` footnotes (default true). */
  footnotes?: boolean;
  /** markdown-it plugins, applied in order after the built-in ones: `plugin` or `[plugin, options]`. */
  plugins?: PluginEntry[];
}

/** A markdown-it plugin: `md.use(plugin, options)`. */
// deno-lint-ignore no-explicit-any
export type MarkdownPlugin = (md: any, options?: any) => void;
export type PluginEntry = MarkdownPlugin | [MarkdownPlugin, unknown?];

/** What a transform knows of the page: its output path, such as "2014/10/13/docker/index.html". */
export interface TransformPage {
  path: string;
}
export type Transform = (html: string, page: TransformPage) => string;

export interface HighlightConfig {
  /** Two bundled shiki themes, switched by prefers-color-scheme. */
  themes?: { light: string; dark: string };
  /** Highlight only these languages (default: every bundled language a post uses). */
  langs?: string[];
}

/** The validated configuration every stage receives. Paths here are for I/O only, never for output. */
export interface Config {
  title: string;
  description: string;
  url: string; // absolute, ends with "/"
  basePath: string; // the path part of url: "/" or "/blog/"
  author: Author;
  timezone: string;
  postsPerPage: number;
  feedEntries: number;
  outDir: string;
  permalink: string;
  publishManifest: boolean;
  highlight: false | { themes: { light: string; dark: string }; langs?: string[] };
  excerpts: boolean;
  feeds: FeedFormat[];
  feedArchives: boolean;
  markdown: { html: boolean; anchors: boolean; footnotes: boolean; plugins: [MarkdownPlugin, unknown][] };
  helpers: Record<string, (...args: never[]) => unknown>;
  data: Record<string, unknown>;
  transforms: Transform[];
  language: string;
  /** As given, page paths made `content/...`; undefined: the default (pages, then the archive). */
  nav?: NavEntry[];
  search: boolean;
  images: false | { widths: number[]; sizes: string };
  /** Every list, feed and sitemap pattern, defaults filled in. */
  paths: Paths;
  /** Config `aliases`, old paths normalized, in the order given. */
  aliases: { from: string; to: string }[];
  redirects: boolean;
  /**
   * SHA-256 of what site.config.ts is made of: its text, the local modules it imports, the
   * versions of the packages those import, and its plugins with their options (see fingerprint.ts).
   */
  fingerprint: string;
  siteDir: string;
}

export interface LoadedConfig {
  config: Config;
  warnings: string[];
}

/** Settings given for one run on the command line; they replace the file's values after the same checks. */
export interface ConfigOverrides {
  /** `--base-url`: replaces `url`. */
  url?: string;
}
