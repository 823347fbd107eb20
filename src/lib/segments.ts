import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './digest.ts';

/**
 * Append-only segment files, for a cache whose index (written apart, by the cache) says where each
 * entry's bytes lie: `<base>.<random>.seg` in one folder, each named in the index with its SHA-256.
 * A save writes only the new entries, into one new segment; once dead entries outweigh live ones, the
 * cache copies every live entry into one segment instead, and the old ones are removed.
 */
export interface Segment {
  name: string;
  bytes: Buffer;
  digest: string;
}

/** Where an entry lies: its segment, and its offset and length there. */
export interface Place {
  segment: Segment;
  offset: number;
  size: number;
}

/** Each segment the index names, read and checked; undefined for one that is missing or damaged. */
export function readSegments(
  folder: string,
  named: [name: string, digest: string][],
): Promise<(Segment | undefined)[]> {
  return Promise.all(named.map(async ([name, digest]) => {
    const bytes = await readFile(join(folder, name)).catch(() => undefined);
    return bytes && sha256(bytes) === digest ? { name, bytes, digest } : undefined;
  }));
}

/** An entry's bytes, when its place lies inside its segment. */
export function placed(segment: Segment | undefined, offset: number, size: number): Place | undefined {
  return segment && offset >= 0 && size >= 0 && offset + size <= segment.bytes.length
    ? { segment, offset, size }
    : undefined;
}

export const bytesAt = (place: Place): Buffer => place.segment.bytes.subarray(place.offset, place.offset + place.size);

/** Writes the entries' bytes into one new segment. Returns each entry's place there, in order. */
export async function writeSegment(folder: string, base: string, entries: readonly Buffer[]): Promise<Place[]> {
  const bytes = Buffer.concat(entries);
  const segment: Segment = { name: `${base}.${randomUUID()}.seg`, bytes, digest: sha256(bytes) };
  await writeFile(join(folder, segment.name), bytes);
  let offset = 0;
  return entries.map((entry) => {
    const place = { segment, offset, size: entry.length };
    offset += entry.length;
    return place;
  });
}

/** Whether copying the live entries into one segment is due: the dead bytes outweigh them. */
export function compactionDue(all: Iterable<Place>, live: Iterable<Place>): boolean {
  const segments = new Set([...all].map((place) => place.segment));
  const total = [...segments].reduce((sum, segment) => sum + segment.bytes.length, 0);
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
