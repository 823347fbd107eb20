import type { ColophonError } from '../lib/errors.ts';

/** What the output files of a site are, for the report: the groups it lists them in, in this order. */
export const GROUPS = ['posts', 'lists', 'feeds', 'assets', 'other'] as const;
export type Group = (typeof GROUPS)[number];

/**
 * One side of a comparison: the output files of a build (a revision, the working tree, a site
 * folder), of an output folder, or of a manifest, which has the files' hashes and not their bytes.
 */
export interface Side {
  /** How the report names it: "HEAD (1a2b3c4)", "the working tree", a folder or file as given. */
  label: string;
  /** Every output path, relative to the output folder. */
  paths: ReadonlySet<string>;
  /** Which group a path is in, when the side knows (a build's site model does); else undefined. */
  groupOf(path: string): Group | undefined;
  /** A file's bytes; undefined for a manifest. Errors of a build are collected, not thrown. */
  bytes?(path: string): Promise<Uint8Array | undefined>;
  /** A manifest's SHA-256 of a file (hex); a side with bytes is hashed from them. */
  sha256?(path: string): string;
  /** After every file was asked for: the build's errors, if any (a template that failed on a page). */
  errors?(): readonly ColophonError[];
}

/**
 * A changed HTML page: the lines of its visible text removed and added, in order, none when only
 * markup changed. For another text file (the sitemap, a stylesheet), the lines of the file itself.
 */
export interface TextChange {
  kind: 'text';
  hunks: { removed: string[]; added: string[] }[];
  /** The visible text differs by too many lines to diff: the page is shown as replaced. */
  replaced?: boolean;
}

export interface EntryRef {
  id: string;
  title: string;
}

/** A changed feed: entries by id, and the names of the fields that changed (the feed's and each entry's). */
export interface FeedChange {
  kind: 'feed';
  added: EntryRef[];
  removed: EntryRef[];
  changed: (EntryRef & { fields: string[] })[];
  fields: string[];
}

/** Any other changed file (an image, a large file): its sizes in bytes. */
export interface BytesChange {
  kind: 'bytes';
  before: number;
  after: number;
}

export type Detail = TextChange | FeedChange | BytesChange;

/** What differs between two sides, every list sorted by the UTF-8 bytes of the paths. */
export interface DiffReport {
  old: string; // the sides' labels
  new: string;
  added: string[];
  removed: string[];
  changed: string[];
  unchanged: number;
  groups: Record<string, Group>; // every added, removed or changed path ▶ its group
  /** Changed paths ▶ what changed in them; absent where only hashes were compared (a manifest). */
  details: Record<string, Detail>;
}
