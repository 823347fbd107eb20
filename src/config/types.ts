import type { FeedFormat } from './feed-formats.ts';

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
  /** Markdown options: raw HTML in posts is allowed unless `html: false` (the author is trusted). */
  markdown?: { html?: boolean };
  /** The posts' language, an RFC 5646 tag such as "en" or "de-CH"; "" (the default) leaves it unsaid. */
  language?: string;
}

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
  markdown: { html: boolean };
  language: string; // "" when not given
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
