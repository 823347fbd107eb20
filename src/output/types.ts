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
