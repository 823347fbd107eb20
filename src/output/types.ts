import type { InputFiles } from '../content/inputs.ts';

/** What a write of the output folder records and reports. */

export interface FileRecord {
  sha256: string;
  size: number;
}

export interface WriteReport {
  written: number;
  unchanged: number;
  removed: number;
}

export interface WriteResult {
  report: WriteReport;
  /** How many files were made (rendered, encoded, hashed): those whose dependencies changed, and those without any. */
  made: number;
  records: Map<string, FileRecord>; // every file written, by path
  changes: { written: string[]; removed: string[] }; // paths, in UTF-8 byte order (for --verbose)
}

/** Files that can only be made once every other file is known (the published manifest). */
export type Finisher = (records: ReadonlyMap<string, FileRecord>) => Map<string, Uint8Array>;

export interface Manifest {
  colophon: string;
  digest: string;
  files: { path: string; size: number; sha256: string }[];
}

/**
 * What the manifest beside the output remembers of the build that wrote it, for the next one: the
 * digest of its inputs, each output's dependency key, and what the build printed. Never published.
 */
export interface BuildState {
  inputs?: string; // inputDigest; absent when the build was not one of `colophon build`
  /** The input files the digest was made of, so that the next one reads only those that changed. */
  sources?: InputFiles;
  sourcesBefore?: number; // files modified before this were as `sources` records them (see inputDigest)
  keys: Record<string, string>; // output path ▶ dependency key
  posts: number;
  pages: number;
  images?: number; // local raster images the site shows
  warnings: string[];
}

/** The manifest beside the output as the next build reads it. */
export interface PreviousBuild {
  files: Map<string, FileRecord>;
  keys: Map<string, string>;
  /** The manifest's mtime: a file last modified strictly before it holds what the manifest records. */
  writtenBefore: number;
  state?: BuildState;
}
