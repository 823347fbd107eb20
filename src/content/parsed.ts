import { Buffer } from 'node:buffer';
import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { sha256 } from '../lib/digest.ts';
import {
  type Place,
  placesIn,
  readIndex,
  saveSegmented,
  type SegmentName,
  segmentStore,
  segmentTable,
  textAt,
} from '../lib/segments.ts';
import { engineDigest } from './inputs.ts';
import type { Source } from './types.ts';

/**
 * The sources of the last build, as parsed, so that a rebuild neither reads nor parses a file that
 * did not change: at 10,000 posts that was most of what a one-post edit cost. Per site folder, in
 * sources-v2/: an index (<hash of the folder>.bin), the V8 serialization (which keeps front matter's
 * dates as dates) of the engine's digest, the timezone (dates are read in it), the time the record
 * was begun, and each source but its body with its file's size and times and where its body lies,
 * followed by its SHA-256 in hex; and the bodies, in UTF-8, in append-only segments (lib/segments.ts):
 * a save writes the index and the bodies parsed since, not 60 MB of bodies again. A body is decoded
 * only when something reads it; a rebuild that keeps a page never does (the body cache and the
 * dependency keys take a body by its digest).
 *
 * A file is taken from the record when its size, mtime and ctime are those recorded and it was last
 * modified a second or more before the record was begun, as inputDigest trusts a file's hash: a
 * file edited while (or just before) a build read it is read again by the next one. A damaged or
 * unreadable index is ignored whole, a segment changed since it was written (by its size and mtime,
 * see lib/segments.ts) or missing loses only its own sources; one
 * that cannot be written only makes the next build slower.
 */
export interface ParsedSources {
  /** The source recorded for this path, if its file is as it was then. */
  take(path: string, info: Stats): Source | undefined;
  /** Records what was parsed from a file, for the next build. */
  keep(path: string, info: Stats, source: Source): void;
  /** Writes the record when it changed: `live` are the paths this build read (others are dropped). */
  save(live: ReadonlySet<string>): Promise<void>;
}

const FORMAT = 'colophon-sources 3';

/** A file's size and times, its source without the body, and where the body lies: segment, offset, length. */
type Entry = [size: number, mtimeMs: number, ctimeMs: number, source: Omit<Source, 'body'>, ...at: number[]];

interface Recorded {
  format: string;
  engine: string;
  timezone: string;
  before: number;
  segments: SegmentName[];
  entries: Map<string, Entry>;
}

/** What this build keeps of a file: taken from the record (its body still bytes in a segment) or parsed now. */
type Kept = [entry: Entry, body: Place | string];

export async function openParsedSources(dir: string, siteDir: string, timezone: string): Promise<ParsedSources> {
  const store = segmentStore(join(dir, 'sources-v2'), siteDir, 'bin');
  const before = Date.now() - 1000;
  const engine = await engineDigest();
  const last = readRecord(await readIndex(store));
  const usable = last && last.format === FORMAT && last.engine === engine && last.timezone === timezone;
  const known = usable ? placesOf(store.folder, last) : new Map<string, Kept>();
  const kept = new Map<string, Kept>();
  let changed = !usable;
  return {
    take(path, info) {
      const entry = known.get(path);
      if (!entry) return undefined;
      const [[size, mtimeMs, ctimeMs, source], place] = entry;
      if (size !== info.size || mtimeMs !== info.mtimeMs || ctimeMs !== info.ctimeMs) return undefined;
      if (info.mtimeMs >= last!.before) return undefined;
      kept.set(path, entry);
      return withLazyBody(source, place as Place);
    },
    keep(path, info, source) {
      const { body, ...rest } = source;
      kept.set(path, [[info.size, info.mtimeMs, info.ctimeMs, rest], body]);
      changed = true;
    },
    async save(live) {
      for (const path of kept.keys()) if (!live.has(path)) kept.delete(path);
      if (!changed && kept.size === known.size) return;
      const paths = [...kept.keys()];
      const moved = await saveSegmented(store, {
        entries: [...kept.values()].map(([, body]) => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body)),
        before: [...known.values()].map(([, place]) => place as Place),
        index: (places) => {
          const payload = serialize(recordOf({ format: FORMAT, engine, timezone, before }, kept, places));
          return Buffer.concat([payload, Buffer.from(sha256(payload), 'latin1')]);
        },
      });
      moved?.forEach((place, i) => kept.set(paths[i]!, [kept.get(paths[i]!)![0], place]));
    },
  };
}

/** The recorded sources whose bodies are in a segment that is there and undamaged. */
function placesOf(folder: string, record: Recorded): Map<string, Kept> {
  const placeOf = placesIn(folder, record.segments);
  const known = new Map<string, Kept>();
  for (const [path, entry] of record.entries) {
    const [size, mtimeMs, ctimeMs, source, segment, offset, length] = entry;
    const place = placeOf(segment!, offset!, length!);
    if (place) known.set(path, [[size, mtimeMs, ctimeMs, source], place]);
  }
  return known;
}

/** The index of the kept sources, each body now at `places` (in the order of `kept`). */
function recordOf(
  header: Omit<Recorded, 'segments' | 'entries'>,
  kept: Map<string, Kept>,
  places: readonly Place[],
): Recorded {
  const { named, number } = segmentTable(places);
  const entries = new Map<string, Entry>();
  [...kept].forEach(([path, [[size, mtimeMs, ctimeMs, source]]], i) => {
    const { segment, offset, size: length } = places[i]!;
    entries.set(path, [size, mtimeMs, ctimeMs, source, number.get(segment)!, offset, length]);
  });
  return { ...header, segments: named, entries };
}

/** Each lazy source's body: where it is in a segment until it is first read, then its text. */
const lazyBodies = new WeakMap<Source, Place | string>();

function lazyBody(this: Source): string {
  let body = lazyBodies.get(this)!;
  if (typeof body !== 'string') lazyBodies.set(this, body = textAt(body));
  return body;
}

/**
 * The source as recorded, its body decoded from the segment's bytes when first read.
 *
 * Every pass over the site's sources reads their fields, so they must share one hidden class. Two
 * things would give each its own: a getter made per source (an accessor's functions belong to the
 * class), and a spread copy of what `deserialize` gave. So the fields are copied one by one, in
 * their recorded order, and one getter serves every source. With a class each, a refresh of the
 * dev server at 10,000 posts took 2.5× as long.
 */
function withLazyBody(recorded: Omit<Source, 'body'>, place: Place): Source {
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(recorded)) copy[name] = recorded[name as keyof typeof recorded];
  const source = Object.defineProperty(copy, 'body', { enumerable: true, get: lazyBody }) as unknown as Source;
  lazyBodies.set(source, place);
  return source;
}

function readRecord(bytes: Buffer | undefined): Recorded | undefined {
  if (!bytes || bytes.length < 64) return undefined;
  const payload = bytes.subarray(0, bytes.length - 64);
  if (bytes.toString('latin1', bytes.length - 64) !== sha256(payload)) return undefined;
  try {
    const record = deserialize(payload) as Recorded;
    return record.entries instanceof Map && Array.isArray(record.segments) ? record : undefined;
  } catch {
    return undefined;
  }
}
