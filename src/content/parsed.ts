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
 * folder (sources-v1/<hash of the folder>.bin): the V8 serialization (which keeps front matter's
 * dates as dates) of the engine's digest, the timezone (dates are read in it), the time the record
 * was begun, and each source with its file's size and times; then the SHA-256 of all that, in hex.
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

const FORMAT = 'colophon-sources 1';

type Entry = [size: number, mtimeMs: number, ctimeMs: number, source: Source];

interface Recorded {
  format: string;
  engine: string;
  timezone: string;
  before: number;
  entries: Map<string, Entry>;
}

export async function openParsedSources(dir: string, siteDir: string, timezone: string): Promise<ParsedSources> {
  const file = join(dir, 'sources-v1', `${sha256(siteDir).slice(0, 24)}.bin`);
  const before = Date.now() - 1000;
  const engine = await engineDigest();
  const last = await readRecord(file);
  const usable = last && last.format === FORMAT && last.engine === engine && last.timezone === timezone;
  const known = usable ? last.entries : new Map<string, Entry>();
  const entries = new Map<string, Entry>();
  let changed = !usable;
  return {
    take(path, info) {
      const entry = known.get(path);
      if (!entry || entry[0] !== info.size || entry[1] !== info.mtimeMs || entry[2] !== info.ctimeMs) return undefined;
      if (info.mtimeMs >= last!.before) return undefined;
      entries.set(path, entry);
      return entry[3];
    },
    keep(path, info, source) {
      entries.set(path, [info.size, info.mtimeMs, info.ctimeMs, source]);
      changed = true;
    },
    async save(live) {
      for (const path of entries.keys()) if (!live.has(path)) entries.delete(path);
      if (!changed && entries.size === known.size) return;
      const payload = serialize({ format: FORMAT, engine, timezone, before, entries } satisfies Recorded);
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(join(dir, 'sources-v1'), { recursive: true });
        await writeFile(temp, payload);
        await appendFile(temp, sha256(payload), 'latin1'); // after it: no copy of the whole payload
        await rename(temp, file);
      } catch {
        await rm(temp, { force: true }).catch(() => {});
      }
    },
  };
}

async function readRecord(file: string): Promise<Recorded | undefined> {
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes || bytes.length < 64) return undefined;
  const payload = bytes.subarray(0, bytes.length - 64);
  if (bytes.toString('latin1', bytes.length - 64) !== sha256(payload)) return undefined;
  try {
    const record = deserialize(payload) as Recorded;
    return record.entries instanceof Map ? record : undefined;
  } catch {
    return undefined;
  }
}
