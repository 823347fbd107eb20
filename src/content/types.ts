import type { Stats } from 'node:fs';
import type { ColophonError } from '../lib/errors.ts';

export type SourceKind = 'post' | 'page';

/** One Markdown file, its front matter read and validated. */
export interface Source {
  path: string; // POSIX, relative to the site: "content/posts/2014/hello.md"
  kind: SourceKind;
  title: string;
  date?: number; // epoch ms; always set for posts
  updated?: number;
  categories: string[]; // as written, duplicates removed
  tags: string[]; // the same rules as categories
  slug: string;
  permalink?: string;
  /** Front matter `aliases`: old paths that lead here, normalized ("/old" is "/old/"), as written otherwise. */
  aliases: string[];
  layout?: string;
  draft: boolean;
  description?: string; // for <meta name="description"> and og:description
  image?: string; // og:image: a URL, or a path resolved as links in the body are
  data: Record<string, unknown>; // the whole front matter, for templates
  body: string;
  /**
   * SHA-256 of `body`, made as the file is read (readSource always sets it): what the body cache and
   * the dependency keys take, so that a rebuild neither hashes nor even decodes 10,000 bodies.
   */
  bodyDigest?: string;
  /** Where the body starts, and the `image` field's line: for errors about the images they name. */
  lines?: { body: number; image?: number };
}

/** A file from public/, copied verbatim. */
export interface Asset {
  path: string; // relative to public/ and to the output root
  bytes: Uint8Array;
}

export interface Content {
  sources: Source[];
  assets: Asset[];
  /** The files of page bundles, beside their index.md; each path is site-relative ("content/posts/a/b.png"). */
  bundleFiles?: Asset[];
  errors: ColophonError[];
}

/**
 * What inputDigest saw of content/, for the read that follows it to take instead of listing and
 * stat-ing every file again: each file (hidden ones too), by path under content/ in code-unit order,
 * with its stat (undefined when it could not be stat-ed).
 */
export type ContentListing = ReadonlyMap<string, Stats | undefined>;
