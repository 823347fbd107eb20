import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compareText } from './order.ts';
import { sha256 } from './digest.ts';

/**
 * Append-only segment files, for a cache whose index says where each entry's bytes lie (what else an
 * index holds, and its layout, are the cache's own: the body cache's is text, the parsed sources' a V8
 * serialization): `<base>.<random>.seg` in one folder, each named in the index with the size and
 * mtime it had once written. A segment whose size or mtime is not that is ignored, with all its
 * entries: a cache is only ever damaged by something writing to it, and that moves the mtime (as
 * git's index trusts a file's stat). That check costs a stat, where reading and hashing a body
 * cache's 95 MB cost a fifth of a second; and an entry is read from its segment only when asked
 * for, alone (a rebuild that keeps most pages reads a handful), or from the whole segment once many
 * were. Each segment is held open from the check on, so that another build that removes it (after
 * compacting) cannot take away what this one reads later: a dev server reads bodies for hours.
 * A save (saveSegmented) writes only the new entries, into one new segment; once dead entries
 * outweigh live ones, or there are many segments, it copies every live entry into one segment
 * instead, and the old ones are removed.
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

/** A cache's files for one site folder: `index` (`<folder>/<base>.<ending>`) and `<folder>/<base>.<id>.seg`. */
export interface SegmentStore {
  folder: string;
  base: string;
  index: string;
}

/** Where a cache in `folder` keeps a site folder's index (named `ending`) and segments. */
export function segmentStore(folder: string, siteDir: string, ending: string): SegmentStore {
  const base = sha256(siteDir).slice(0, 24);
  return { folder, base, index: join(folder, `${base}.${ending}`) };
}

/** The index's bytes, if there is one to read. */
export const readIndex = (store: SegmentStore): Promise<Buffer | undefined> =>
  readFile(store.index).catch(() => undefined);

/**
 * The segments an index names, as `named`, and a way to find an entry in them by the segment's
 * number in that list and the entry's offset and size: undefined for an entry whose segment is
 * missing or changed since (see openSegments), or that does not lie inside it.
 */
export function placesIn(
  folder: string,
  named: readonly SegmentName[],
): (n: number, at: number, size: number) => Place | undefined {
  const segments = openSegments(folder, named);
  return (n, at, size) => placed(segments[n], at, size);
}

/** The segments `places` lie in, as an index names them (by name), and each one's number in that list. */
export function segmentTable(places: Iterable<Place>): { named: SegmentName[]; number: Map<Segment, number> } {
  const segments = [...new Set([...places].map((place) => place.segment))].sort((a, b) => compareText(a.name, b.name));
  return {
    named: segments.map((s): SegmentName => [s.name, s.size, s.mtimeMs]),
    number: new Map(segments.map((segment, i) => [segment, i])),
  };
}

/** Each segment the index names, if it is there as written; undefined for one that is missing or was changed. */
function openSegments(folder: string, named: readonly SegmentName[]): (Segment | undefined)[] {
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

/** An entry's place, when it lies inside its segment. */
function placed(segment: Segment | undefined, offset: number, size: number): Place | undefined {
  return segment && offset >= 0 && size >= 0 && offset + size <= segment.size ? { segment, offset, size } : undefined;
}

export const bytesAt = (place: Place): Buffer => place.segment.read(place.offset, place.size);

/** An entry's bytes as UTF-8 text. */
export const textAt = (place: Place): string => bytesAt(place).toString('utf8');

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

/** What a save writes: each entry's bytes (still where they lie in a segment, or new) and the index. */
export interface Save {
  entries: readonly (Place | Buffer)[];
  /** Every place the index named when read: whether compaction is due depends on how many still live. */
  before: Iterable<Place>;
  /** Whether every entry is copied into the new segment even when compaction is not due. */
  compact?: boolean;
  /** The index's contents, given each entry's place now (in the order of `entries`). */
  index(places: readonly Place[]): string | Uint8Array;
}

/**
 * Saves a cache: the new entries (every entry, when compaction is due) go into one new segment, the
 * index into a temporary file renamed over the old one, and the segments it no longer names are
 * removed. Returns each entry's place now, in order; undefined when the cache could not be written,
 * nothing of the save left behind (a cache that cannot be written only makes the next build slower).
 */
export async function saveSegmented(store: SegmentStore, save: Save): Promise<Place[] | undefined> {
  const temp = `${store.index}.${process.pid}.tmp`;
  let written: string | undefined;
  try {
    await mkdir(store.folder, { recursive: true });
    const reused = save.entries.filter((entry): entry is Place => !Buffer.isBuffer(entry));
    const compact = save.compact || compactionDue(save.before, reused);
    const moving = save.entries.flatMap((entry, i) => (compact || Buffer.isBuffer(entry) ? [i] : []));
    const bytes = moving.map((i) => save.entries[i]!).map((entry) => (Buffer.isBuffer(entry) ? entry : bytesAt(entry)));
    const at = bytes.length > 0 ? await writeSegment(store.folder, store.base, bytes) : [];
    written = at[0]?.segment.name;
    const places = save.entries.map((entry) => entry as Place);
    moving.forEach((i, j) => places[i] = at[j]!);
    await writeFile(temp, save.index(places));
    await rename(temp, store.index);
    await removeUnused(store, new Set(places.map((place) => place.segment.name)));
    return places;
  } catch {
    await rm(temp, { force: true }).catch(() => {});
    if (written) await rm(join(store.folder, written), { force: true }).catch(() => {});
    return undefined;
  }
}

/** Writes the entries' bytes into one new segment. Returns each entry's place there, in order. */
async function writeSegment(folder: string, base: string, entries: readonly Buffer[]): Promise<Place[]> {
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
function compactionDue(all: Iterable<Place>, live: Iterable<Place>): boolean {
  const segments = new Set([...all].map((place) => place.segment));
  if (segments.size >= MAX_SEGMENTS) return true;
  const total = [...segments].reduce((sum, segment) => sum + segment.size, 0);
  const used = [...live].reduce((sum, place) => sum + place.size, 0);
  return total - used > used;
}

/** Removes the store's segments that the index no longer names (an interrupted save's, or compacted ones). */
async function removeUnused({ folder, base }: SegmentStore, used: ReadonlySet<string>): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (name.startsWith(`${base}.`) && name.endsWith('.seg') && !used.has(name)) {
      await rm(join(folder, name), { force: true }).catch(() => {});
    }
  }
}
