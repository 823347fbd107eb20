import { Buffer } from 'node:buffer';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { markdownItVersion } from '../deps/markdown.ts';
import { ENGINE, shikiVersion } from '../deps/shiki.ts';
import { sha256 } from '../lib/digest.ts';
import { compareText } from '../lib/order.ts';
import {
  bytesAt,
  compactionDue,
  type Place,
  placed,
  readSegments,
  removeUnused,
  writeSegment,
} from '../lib/segments.ts';
import { engineDigest } from './engine-digest.ts';

/**
 * Every post's body HTML from the last build, so that a build after it renders Markdown only for the
 * bodies whose text changed. One index per site folder (bodies-v1/<hash of the folder>.pack) names
 * the segments that hold the entries (<same hash>.<id>.seg) and where each entry lies in them. A
 * build reads the index and its segments at the start, and decodes an entry only when its HTML is
 * asked for (a rebuild keeps most pages without rendering them). Saving appends: the entries that
 * are new go into one new segment and the index is written again (to a temporary name, then
 * renamed); once dead entries outweigh live ones, every live entry is copied into one segment and
 * the old segments are removed. So one edited body costs a small segment, not a copy of them all.
 * An entry's key is the SHA-256 of everything that decides its HTML: the body (by its SHA-256), the Markdown and
 * highlighting settings, the versions of markdown-it and shiki, and the code that renders bodies.
 * The index carries the SHA-256 of its contents and of each segment: a damaged index is ignored
 * whole, a damaged or missing segment loses only its own entries.
 */
export interface BodyCache {
  /** What a body (by its SHA-256) last rendered to with these settings, if the pack holds it (decoded when read). */
  get(digest: string): CachedBody | undefined;
  /** Records each live body (reading the HTML of new ones only); the index is rewritten when its entries changed. */
  save(bodies: Iterable<[digest: string, rendered: CachedBody]>): Promise<void>;
}

export interface CachedBody {
  readonly html: string;
  readonly unknown: string[]; // fence languages with no grammar, in the order met: their warnings come back too
  /** Whether the HTML holds this text, answered from the cache's bytes without decoding them. */
  holds?(text: string): boolean;
}

/** Settings that change what a body renders to. */
export interface BodySettings {
  html: boolean;
  anchors: boolean;
  footnotes: boolean;
  highlight?: { themes: unknown; langs?: readonly string[] };
  plugins?: string; // the configuration's fingerprint, when it has plugins
}

const FORMAT = 'colophon-bodies 4';

/**
 * `seed`: another site folder whose pack is read when this folder has none yet (entries depend on
 * the bodies and settings only, never on the folder): `colophon diff` starts a revision's build from
 * the working site's bodies. This folder's own pack is written then, and used from the next build.
 */
export async function openBodyCache(
  dir: string,
  siteDir: string,
  settings: BodySettings,
  seed?: string,
): Promise<BodyCache> {
  const folder = join(dir, 'bodies-v1');
  const baseOf = (site: string) => sha256(site).slice(0, 24);
  const base = baseOf(siteDir);
  const file = join(folder, `${base}.pack`);
  const salt = `${FORMAT}\0${engineDigest(ENGINE_MODULES)}\0${markdownItVersion()}\0${shikiVersion}\0${ENGINE}\0${
    JSON.stringify(settings)
  }\0`;
  const keys = new Map<string, string>(); // body's digest ▶ key: a build asks for each body's key twice
  const keyOf = (digest: string) => {
    let key = keys.get(digest);
    if (key === undefined) keys.set(digest, key = sha256(salt + digest));
    return key;
  };
  let known = await readPack(folder, base);
  const seeded = known.size === 0 && seed !== undefined;
  if (seeded) known = await readPack(folder, baseOf(seed));
  return {
    get(digest) {
      const place = known.get(keyOf(digest));
      return place && lazyEntry(place);
    },
    async save(bodies) {
      const live = new Map<string, Place | CachedBody>();
      for (const [digest, rendered] of bodies) {
        const key = keyOf(digest);
        live.set(key, known.get(key) ?? rendered);
      }
      const fresh = [...live].filter((entry): entry is [string, CachedBody] => !('segment' in entry[1]));
      if (!seeded && fresh.length === 0 && live.size === known.size) return;
      const temp = `${file}.${process.pid}.tmp`;
      const written: string[] = [];
      try {
        await mkdir(folder, { recursive: true });
        const places = new Map<string, Place>();
        const reused = new Map<string, Place>();
        for (const [key, entry] of live) if ('segment' in entry) reused.set(key, entry);
        // Copy the live entries into the new segment when the dead ones outweigh them (or they came from a seed).
        const compact = seeded || compactionDue(known.values(), reused.values());
        const moving: [string, Place | CachedBody][] = compact ? [...live] : fresh;
        if (!compact) { for (const [key, place] of reused) places.set(key, place); }
        if (moving.length > 0) {
          const at = await writeSegment(folder, base, moving.map(([, entry]) => entryBytes(entry)));
          written.push(at[0]!.segment.name);
          moving.forEach(([key], i) => places.set(key, at[i]!));
        }
        await writeFile(temp, indexText(places));
        await rename(temp, file);
        await removeUnused(folder, base, new Set([...places.values()].map((p) => p.segment.name)));
      } catch {
        // A cache that cannot be written only makes the next build slower.
        await rm(temp, { force: true }).catch(() => {});
        for (const name of written) await rm(join(folder, name), { force: true }).catch(() => {});
      }
    },
  };
}

/** An entry whose HTML is decoded from its segment's bytes when first read. */
function lazyEntry(place: Place): CachedBody {
  const { bytes } = place.segment;
  const newline = bytes.indexOf(10, place.offset);
  const unknown = JSON.parse(bytes.toString('utf8', place.offset, newline)) as string[];
  let html: string | undefined;
  const end = place.offset + place.size;
  return {
    unknown,
    get html() {
      return html ??= bytes.toString('utf8', newline + 1, end);
    },
    holds: (text) => html?.includes(text) ?? bytes.subarray(newline + 1, end).includes(text),
  };
}

/** An entry's bytes in a segment: its unknown languages as JSON, a newline, its HTML. */
function entryBytes(entry: Place | CachedBody): Buffer {
  return 'segment' in entry ? bytesAt(entry) : Buffer.from(`${JSON.stringify(entry.unknown)}\n${entry.html}`, 'utf8');
}

/**
 * Header line, the digest of the rest, one "segment name digest" line per segment, a blank line,
 * then one "key segment offset size" line per entry (segments by their number in that list).
 */
function indexText(places: Map<string, Place>): string {
  const segments = [...new Set([...places.values()].map((p) => p.segment))].sort((a, b) => compareText(a.name, b.name));
  const number = new Map(segments.map((segment, i) => [segment, i]));
  const keys = [...places.keys()].sort(compareText);
  const body = [
    ...segments.map((s) => `segment ${s.name} ${s.digest}\n`),
    '\n',
    ...keys.map((key) => {
      const p = places.get(key)!;
      return `${key} ${number.get(p.segment)} ${p.offset} ${p.size}\n`;
    }),
  ].join('');
  return `${FORMAT}\n${sha256(body)}\n${body}`;
}

async function readPack(folder: string, base: string): Promise<Map<string, Place>> {
  const places = new Map<string, Place>();
  const text = await readFile(join(folder, `${base}.pack`), 'latin1').catch(() => undefined);
  const head = `${FORMAT}\n`;
  if (text === undefined || !text.startsWith(head)) return places;
  const body = text.slice(head.length + 65);
  if (text.slice(head.length, head.length + 64) !== sha256(Buffer.from(body, 'latin1'))) return places;
  const [segmentLines = '', entryLines = ''] = body.split('\n\n');
  const named = segmentLines.split('\n').filter(Boolean).map((line): [string, string] => {
    const [, name, digest] = line.split(' ');
    return [name!, digest!];
  });
  const segments = await readSegments(folder, named);
  for (const line of entryLines.split('\n')) {
    if (line === '') continue;
    const [key, number, offset, size] = line.split(' ');
    const place = placed(segments[Number(number)], Number(offset), Number(size));
    if (place) places.set(key!, place);
  }
  return places;
}

/** The code that turns a body into HTML: a changed engine never reuses another engine's output. */
const ENGINE_MODULES = ['./bodies', './highlight', '../deps/markdown', '../deps/shiki', '../deps/shiki-html'];
