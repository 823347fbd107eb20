import { copyFileSync, linkSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sha256 } from '../lib/digest.ts';

// What the output writer does with each file, on whichever thread it runs (see output-writer.ts).
// It imports nothing heavier than node:fs and node:crypto, so the writer thread starts in a few milliseconds.

export interface WriterSetup {
  root: string; // the staging folder
  previous: string; // the output folder being replaced, for links
}

/** A file to write, or (without bytes) one to hard-link from the previous output, known to be the same. */
export interface Job {
  path: string;
  bytes?: Uint8Array;
}

/**
 * Writes files with synchronous calls, making folders as they are first needed, and returns the
 * SHA-256 of each written file ('' for a link). The same code runs on the writer thread and, for
 * small sites, on the calling thread.
 */
export function writeJobs(setup: WriterSetup, made: Set<string>, jobs: readonly Job[]): string[] {
  return jobs.map(({ path, bytes }) => {
    try {
      return writeJob(setup, made, path, bytes);
    } catch (error) {
      throw namedInOutput(path, error);
    }
  });
}

/**
 * A write's error named by its place in the output rather than in the staging folder, which is
 * gone by the time anyone reads this: "2020/01/02/x/index.html: ENAMETOOLONG: name too long".
 */
export function namedInOutput(path: string, error: unknown): Error {
  const message = error instanceof Error ? error.message.replace(/, \w+ '[^]*'$/, '') : String(error);
  return new Error(`${path}: ${message}`);
}

function writeJob(setup: WriterSetup, made: Set<string>, path: string, bytes: Uint8Array | undefined): string {
  const file = join(setup.root, path);
  const folder = dirname(file);
  if (!made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  if (bytes === undefined) {
    const old = join(setup.previous, path);
    try {
      linkSync(old, file);
    } catch {
      copyFileSync(old, file); // a file system without hard links
    }
    return '';
  }
  writeFileSync(file, bytes);
  return sha256(bytes);
}

/**
 * A batch as it crosses to the writer thread: one buffer holding every file's bytes in turn (and
 * maybe unused bytes after them).
 */
export interface Message {
  id: number;
  paths: string[];
  sizes: number[]; // LINK for a link
  buffer: ArrayBuffer;
}

/** The batch's buffer comes back with the hashes, to carry a later batch. */
export type Reply = { id: number; hashes: string[]; buffer: ArrayBuffer } | { id: number; error: string };

export const LINK = -1;

export function jobsOf(message: Message): Job[] {
  let at = 0;
  return message.paths.map((path, i) => {
    const size = message.sizes[i]!;
    if (size === LINK) return { path };
    const bytes = new Uint8Array(message.buffer, at, size);
    at += size;
    return { path, bytes };
  });
}
