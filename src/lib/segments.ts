import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Append-only segment files, for a cache whose index (written apart, by the cache) says where each
 * entry's bytes lie: `<base>.<random>.seg` in one folder, each named in the index with the size and
 * mtime it had once written. A segment whose size or mtime is not that is ignored, with all its
 * entries: a cache is only ever damaged by something writing to it, and that moves the mtime (as
 * git's index trusts a file's stat). That check costs a stat, where reading and hashing a body
 * cache's 95 MB cost a fifth of a second; and an entry is read from its segment only when asked
 * for, alone (a rebuild that keeps most pages reads a handful), or from the whole segment once many
 * were. Each segment is held open from the check on, so that another build that removes it (after
 * compacting) cannot take away what this one reads later: a dev server reads bodies for hours.
 * A save writes only the new entries, into one new segment; once dead entries outweigh live ones,
 * or there are many segments, the cache copies every live entry into one segment instead, and the
 * old ones are removed.
 */
export interface Segment {
  name: string;
  size: number;
  mtimeMs: number;
  /** `size` bytes at `offset`: read alone at first, then (once many were) from the whole segment, read once. */
  read(offset: number, size: number): Buffer;
}

/** After this many entries read one by one, the rest come from the whole segment. */
const ONE_BY_ONE = 64;

/** Past this many segments, a save copies the live entries into one (each is a file held open). */
const MAX_SEGMENTS = 16;

/** How an index names a segment. */
export type SegmentName = [name: string, size: number, mtimeMs: number];

/** Where an entry lies: its segment, and its offset and length there. */
export interface Place {
  segment: Segment;
  offset: number;
  size: number;
}

/** An open segment's descriptor is closed once nothing can read from it any more. */
const closing = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // closed already
  }
});

/** Each segment the index names, if it is there as written; undefined for one that is missing or was changed. */
export function openSegments(folder: string, named: readonly SegmentName[]): (Segment | undefined)[] {
  return named.map(([name, size, mtimeMs]) => {
    let fd: number;
    try {
      fd = openSync(join(folder, name), 'r');
    } catch {
      return undefined;
    }
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== size || info.mtimeMs !== mtimeMs) {
      closeSync(fd);
      return undefined;
    }
    let bytes: Buffer | undefined;
    let reads = 0;
    const read = (offset: number, length: number) => {
      if (bytes === undefined && ++reads > ONE_BY_ONE) bytes = readAt(fd, 0, size);
      return bytes ? bytes.subarray(offset, offset + length) : readAt(fd, offset, length);
    };
    const segment = { name, size, mtimeMs, read };
    closing.register(segment, fd);
    return segment;
  });
}

export const nameOf = (segment: Segment): SegmentName => [segment.name, segment.size, segment.mtimeMs];

/** An entry's place, when it lies inside its segment. */
export function placed(segment: Segment | undefined, offset: number, size: number): Place | undefined {
  return segment && offset >= 0 && size >= 0 && offset + size <= segment.size ? { segment, offset, size } : undefined;
}

export const bytesAt = (place: Place): Buffer => place.segment.read(place.offset, place.size);

function readAt(fd: number, offset: number, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, out, done, length - done, offset + done);
    if (read === 0) break;
    done += read;
  }
  return out.subarray(0, done);
}

/** Writes the entries' bytes into one new segment. Returns each entry's place there, in order. */
export async function writeSegment(folder: string, base: string, entries: readonly Buffer[]): Promise<Place[]> {
  const bytes = Buffer.concat(entries);
  const name = `${base}.${randomUUID()}.seg`;
  await writeFile(join(folder, name), bytes);
  const { mtimeMs } = await stat(join(folder, name));
  const read = (offset: number, length: number) => bytes.subarray(offset, offset + length);
  const segment: Segment = { name, size: bytes.length, mtimeMs, read };
  let offset = 0;
  return entries.map((entry) => {
    const place = { segment, offset, size: entry.length };
    offset += entry.length;
    return place;
  });
}

/** Whether copying the live entries into one segment is due: the dead bytes outweigh them, or segments are many. */
export function compactionDue(all: Iterable<Place>, live: Iterable<Place>): boolean {
  const segments = new Set([...all].map((place) => place.segment));
  if (segments.size >= MAX_SEGMENTS) return true;
  const total = [...segments].reduce((sum, segment) => sum + segment.size, 0);
  const used = [...live].reduce((sum, place) => sum + place.size, 0);
  return total - used > used;
}

/** Removes the segments of `base` that the index no longer names (an interrupted save's, or compacted ones). */
export async function removeUnused(folder: string, base: string, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(`${base}.`) && name.endsWith('.seg') && !used.has(name)) {
      await rm(join(folder, name), { force: true }).catch(() => {});
    }
  }
}
