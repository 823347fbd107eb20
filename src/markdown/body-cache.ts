import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import { markdownItVersion } from '../deps/markdown.ts';
import { ENGINE, shikiVersion } from '../deps/shiki.ts';
import { sha256 } from '../lib/digest.ts';
import { compareText } from '../lib/order.ts';
import {
  type Place,
  placesIn,
  readIndex,
  saveSegmented,
  type SegmentName,
  type SegmentStore,
  segmentStore,
  segmentTable,
  textAt,
} from '../lib/segments.ts';
import { showsImages } from './picture.ts';
import { engineDigest } from './engine-digest.ts';

/**
 * Every post's body HTML from the last build, so that a build after it renders Markdown only for the
 * bodies whose text changed. One index per site folder (bodies-v1/<hash of the folder>.pack) names
 * the segments that hold the entries (<same hash>.<id>.seg) and where each entry lies in them, with
 * what a build needs of an entry it does not read (its unknown languages, whether it shows an
 * image). A build reads the index at the start, and a segment only when an entry's HTML in it is
 * asked for (a rebuild keeps most pages without rendering them). Saving appends: the entries that
 * are new go into one new segment and the index is written again (to a temporary name, then
 * renamed); once dead entries outweigh live ones, every live entry is copied into one segment and
 * the old segments are removed. So one edited body costs a small segment, not a copy of them all.
 * An entry's key is the SHA-256 of everything that decides its HTML: the body (by its SHA-256), the Markdown and
 * highlighting settings, the versions of markdown-it and shiki, and the code that renders bodies.
 * The index carries the SHA-256 of its contents and each segment's size and mtime as written: a
 * damaged index is ignored whole, a segment changed since (see lib/segments.ts) or missing loses
 * only its own entries.
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
  /** Whether the HTML has an `<img ` tag, as the index records it (so it need not be read); unset: look. */
  readonly images?: boolean;
}

/** Settings that change what a body renders to. */
export interface BodySettings {
  html: boolean;
  anchors: boolean;
  footnotes: boolean;
  highlight?: { themes: unknown; langs?: readonly string[] };
  plugins?: string; // the configuration's fingerprint, when it has plugins
}

const FORMAT = 'colophon-bodies 5';

/** An entry as the index records it: where its HTML lies, and what the build needs to know of it unread. */
interface Stored {
  place: Place;
  unknown: string[];
  images: boolean;
}

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
  const store = segmentStore(folder, siteDir, 'pack');
  const salt = `${FORMAT}\0${engineDigest(ENGINE_MODULES)}\0${markdownItVersion()}\0${shikiVersion}\0${ENGINE}\0${
    JSON.stringify(settings)
  }\0`;
  const keys = new Map<string, string>(); // body's digest ▶ key: a build asks for each body's key twice
  const keyOf = (digest: string) => {
    let key = keys.get(digest);
    if (key === undefined) keys.set(digest, key = sha256(salt + digest));
    return key;
  };
  let known = await readPack(store);
  const seeded = known.size === 0 && seed !== undefined;
  if (seeded) known = await readPack(segmentStore(folder, seed, 'pack'));
  return {
    get(digest) {
      const stored = known.get(keyOf(digest));
      return stored && lazyEntry(stored);
    },
    async save(bodies) {
      const live = new Map<string, Stored | CachedBody>();
      for (const [digest, rendered] of bodies) {
        const key = keyOf(digest);
        live.set(key, known.get(key) ?? rendered);
      }
      const entries = [...live];
      if (!seeded && live.size === known.size && entries.every(([, entry]) => 'place' in entry)) return;
      // Entries from a seed lie in another folder's segments: they are copied into this folder's.
      await saveSegmented(store, {
        entries: entries.map(([, entry]) => ('place' in entry ? entry.place : Buffer.from(entry.html))),
        before: [...known.values()].map((entry) => entry.place),
        compact: seeded,
        index: (places) => indexText(new Map(entries.map(([key, entry], i) => [key, storedAt(entry, places[i]!)]))),
      });
    },
  };
}

/** An entry as the index records it, its HTML now at `place`. */
function storedAt(entry: Stored | CachedBody, place: Place): Stored {
  const images = 'place' in entry ? entry.images : (entry.images ?? showsImages(entry.html));
  return { place, unknown: entry.unknown, images };
}

/** An entry whose HTML is read and decoded from its segment when first asked for. */
function lazyEntry(stored: Stored): CachedBody {
  let html: string | undefined;
  return {
    unknown: stored.unknown,
    images: stored.images,
    get html() {
      return html ??= textAt(stored.place);
    },
  };
}

/**
 * Header line, the digest of the rest, one "segment name size mtime" line per segment, a blank line,
 * then one "key segment offset size images unknown" line per entry (segments by their number in that
 * list; `images` 1 or 0; `unknown` the languages as JSON, which ends the line).
 */
function indexText(stored: Map<string, Stored>): string {
  const { named, number } = segmentTable([...stored.values()].map((entry) => entry.place));
  const keys = [...stored.keys()].sort(compareText);
  const body = [
    ...named.map((name) => `segment ${name.join(' ')}\n`),
    '\n',
    ...keys.map((key) => {
      const { place, images, unknown } = stored.get(key)!;
      return `${key} ${number.get(place.segment)} ${place.offset} ${place.size} ${images ? 1 : 0} ${
        JSON.stringify(unknown)
      }\n`;
    }),
  ].join('');
  return `${FORMAT}\n${sha256(body)}\n${body}`;
}

async function readPack(store: SegmentStore): Promise<Map<string, Stored>> {
  const known = new Map<string, Stored>();
  const text = (await readIndex(store))?.toString('latin1');
  const head = `${FORMAT}\n`;
  if (text === undefined || !text.startsWith(head)) return known;
  const body = text.slice(head.length + 65);
  if (text.slice(head.length, head.length + 64) !== sha256(Buffer.from(body, 'latin1'))) return known;
  const [segmentLines = '', entryLines = ''] = body.split('\n\n');
  const named = segmentLines.split('\n').filter(Boolean).map((line): SegmentName => {
    const [, name, size, mtimeMs] = line.split(' ');
    return [name!, Number(size), Number(mtimeMs)];
  });
  const placeOf = placesIn(store.folder, named);
  for (const line of entryLines.split('\n')) {
    if (line === '') continue;
    const [key, number, offset, size, images] = line.split(' ', 5);
    const place = placeOf(Number(number), Number(offset), Number(size));
    const unknown = line.slice(line.indexOf(' [') + 1);
    if (place) {
      known.set(key!, {
        place,
        unknown: JSON.parse(Buffer.from(unknown, 'latin1').toString('utf8')),
        images: images === '1',
      });
    }
  }
  return known;
}

/** The code that turns a body into HTML: a changed engine never reuses another engine's output. */
const ENGINE_MODULES = ['./bodies', './highlight', '../deps/markdown', '../deps/shiki', '../deps/shiki-html'];
