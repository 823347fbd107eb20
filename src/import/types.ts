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
}

export interface Skipped {
  source: string;
  reason: string;
}

export type Conversion = OldPost | Skipped;

export function isSkipped(conversion: Conversion): conversion is Skipped {
  return 'reason' in conversion;
}

/** What an engine's reader found: the posts, the timezone its configuration names, if any. */
export interface OldBlog {
  conversions: Conversion[];
  /** The timezone the old blog's configuration names (it dated posts without an offset in it). */
  timezone?: string;
  /** Where the old configuration was read from, for the report: "_config.yml". */
  configFile?: string;
}

export interface ImportedPost {
  source: string;
  target: string; // site-relative: "content/posts/2014/2014-10-13-hello.md"
  oldUrl: string;
  changes: string[];
}

export interface ImportReport {
  engine: string;
  dir: string;
  converted: ImportedPost[];
  skipped: Skipped[];
  notes: string[];
}
