import { Buffer } from 'node:buffer';
import type { Stats } from 'node:fs';
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { sha256 } from '../lib/digest.ts';
import { engineDigest } from './inputs.ts';
import type { Source } from './types.ts';

/**
 * The sources of the last build, as parsed, so that a rebuild neither reads nor parses a file that
 * did not change: at 10,000 posts that was most of what a one-post edit cost. One file per site
 * folder (sources-v2/<hash of the folder>.bin): a 4-byte length, then the V8 serialization (which
 * keeps front matter's dates as dates) of the engine's digest, the timezone (dates are read in it),
 * the time the record was begun, and each source but its body with its file's size and times and
 * where its body lies in what follows: every body, in UTF-8, one after the other. Last, the SHA-256
 * of all that, in hex. A body is decoded only when something reads it; a rebuild that keeps a page
 * never does (the body cache and the dependency keys take a body by its digest), so the 40 MB of
 * text a V8 record of 10,000 bodies came to are neither made into strings nor written back as such.
 *
 * A file is taken from the record when its size, mtime and ctime are those recorded and it was last
 * modified a second or more before the record was begun, as inputDigest trusts a file's hash: a
 * file edited while (or just before) a build read it is read again by the next one. A damaged or
 * unreadable record is ignored whole; one that cannot be written only makes the next build slower.
 */
export interface ParsedSources {
  /** The source recorded for this path, if its file is as it was then. */
  take(path: string, info: Stats): Source | undefined;
  /** Records what was parsed from a file, for the next build. */
  keep(path: string, info: Stats, source: Source): void;
  /** Writes the record when it changed: `live` are the paths this build read (others are dropped). */
  save(live: ReadonlySet<string>): Promise<void>;
}

const FORMAT = 'colophon-sources 2';

/** A file's size and times, its source without the body, and where the body lies among the bodies. */
type Entry = [size: number, mtimeMs: number, ctimeMs: number, source: Omit<Source, 'body'>, at: number, length: number];

interface Recorded {
  format: string;
  engine: string;
  timezone: string;
  before: number;
  entries: Map<string, Entry>;
}

/** What this build keeps of a file: taken from the record (its body still bytes there) or parsed now. */
type Kept = [entry: Entry, body: Buffer | string];

export async function openParsedSources(dir: string, siteDir: string, timezone: string): Promise<ParsedSources> {
  const file = join(dir, 'sources-v2', `${sha256(siteDir).slice(0, 24)}.bin`);
  const before = Date.now() - 1000;
  const engine = await engineDigest();
  const last = await readRecord(file);
  const usable = last && last.record.format === FORMAT && last.record.engine === engine &&
    last.record.timezone === timezone;
  const known = usable ? last.record.entries : new Map<string, Entry>();
  const kept = new Map<string, Kept>();
  let changed = !usable;
  return {
    take(path, info) {
      const entry = known.get(path);
      if (!entry || entry[0] !== info.size || entry[1] !== info.mtimeMs || entry[2] !== info.ctimeMs) return undefined;
      if (info.mtimeMs >= last!.record.before) return undefined;
      const bytes = last!.bodies.subarray(entry[4], entry[4] + entry[5]);
      kept.set(path, [entry, bytes]);
      return withLazyBody(entry[3], bytes);
    },
    keep(path, info, source) {
      const { body, ...rest } = source;
      kept.set(path, [[info.size, info.mtimeMs, info.ctimeMs, rest, 0, 0], body]);
      changed = true;
    },
    async save(live) {
      for (const path of kept.keys()) if (!live.has(path)) kept.delete(path);
      if (!changed && kept.size === known.size) return;
      const payload = recordPayload({ format: FORMAT, engine, timezone, before, entries: new Map() }, kept);
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(join(dir, 'sources-v2'), { recursive: true });
        await writeFile(temp, payload);
        await appendFile(temp, sha256(payload), 'latin1'); // after it: no second copy of 40 MB
        await rename(temp, file);
      } catch {
        await rm(temp, { force: true }).catch(() => {});
      }
    },
  };
}

/** The source as recorded, its body decoded from the record's bytes when first read. */
function withLazyBody(recorded: Omit<Source, 'body'>, bytes: Buffer): Source {
  let body: string | undefined;
  return Object.defineProperty({ ...recorded }, 'body', {
    enumerable: true,
    get: () => (body ??= bytes.toString('utf8')),
  }) as Source;
}

/** The file's bytes but its digest: the header's length, the header, then the bodies. */
function recordPayload(record: Recorded, kept: Map<string, Kept>): Buffer {
  const bodies: Buffer[] = [];
  let at = 0;
  for (const [path, [entry, body]] of kept) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    bodies.push(bytes);
    record.entries.set(path, [entry[0], entry[1], entry[2], entry[3], at, bytes.length]);
    at += bytes.length;
  }
  const header = serialize(record);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  return Buffer.concat([length, header, ...bodies]);
}

async function readRecord(file: string): Promise<{ record: Recorded; bodies: Buffer } | undefined> {
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes || bytes.length < 68) return undefined;
  const payload = bytes.subarray(0, bytes.length - 64);
  if (bytes.toString('latin1', bytes.length - 64) !== sha256(payload)) return undefined;
  const length = payload.readUInt32BE(0);
  if (4 + length > payload.length) return undefined;
  try {
    const record = deserialize(payload.subarray(4, 4 + length)) as Recorded;
    return record.entries instanceof Map ? { record, bodies: payload.subarray(4 + length) } : undefined;
  } catch {
    return undefined;
  }
}
