import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { markdownItVersion } from '../deps/markdown.ts';
import { ENGINE, shikiVersion } from '../deps/shiki.ts';
import { sha256 } from '../lib/digest.ts';
import { engineDigest } from './engine-digest.ts';

/**
 * Every post's body HTML from the last build, so that a build after it renders Markdown only for the
 * bodies whose text changed. The pack is the one file that holds them all, one per site folder
 * (bodies-v1/<hash of the folder>.pack): read whole at the start of a build and
 * written again (to a temporary name, then renamed) when it gained or lost entries, holding exactly
 * the live bodies. An entry's key is the SHA-256 of everything that decides its HTML: the body,
 * the Markdown and highlighting settings, the versions of markdown-it and shiki, and the code that
 * renders bodies. The pack carries the SHA-256 of its contents: a damaged pack is ignored whole.
 */
export interface BodyCache {
  /** What this body last rendered to with these settings, if the pack holds it. */
  get(body: string): CachedBody | undefined;
  /** Records each live body; the pack is rewritten only when its entries changed. */
  save(bodies: Iterable<[body: string, rendered: CachedBody]>): Promise<void>;
}

export interface CachedBody {
  html: string;
  unknown: string[]; // fence languages with no grammar, in the order met: their warnings come back too
}

/** Settings that change what a body renders to. */
export interface BodySettings {
  html: boolean;
  anchors: boolean;
  footnotes: boolean;
  highlight?: { themes: unknown; langs?: readonly string[] };
  plugins?: string; // the configuration's fingerprint, when it has plugins
}

const FORMAT = 'colophon-bodies 2';

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
  const packOf = (folder: string) => join(dir, 'bodies-v1', `${sha256(folder).slice(0, 24)}.pack`);
  const file = packOf(siteDir);
  const salt = `${FORMAT}\0${engineDigest(ENGINE_MODULES)}\0${markdownItVersion()}\0${shikiVersion}\0${ENGINE}\0${
    JSON.stringify(settings)
  }\0`;
  const keys = new Map<string, string>(); // body ▶ key: a build asks for each body's key twice
  const keyOf = (body: string) => {
    let key = keys.get(body);
    // The same digest as sha256(salt + body), without first copying each body into a joined string.
    if (key === undefined) keys.set(body, key = createHash('sha256').update(salt).update(body).digest('hex'));
    return key;
  };
  let known = await readPack(file);
  const seeded = known.size === 0 && seed !== undefined;
  if (seeded) known = await readPack(packOf(seed));
  return {
    get(body) {
      const entry = known.get(keyOf(body));
      if (entry === undefined) return undefined;
      const newline = entry.indexOf('\n');
      return { unknown: JSON.parse(entry.slice(0, newline)) as string[], html: entry.slice(newline + 1) };
    },
    async save(bodies) {
      const live = new Map<string, string>();
      for (const [body, { html, unknown }] of bodies) live.set(keyOf(body), `${JSON.stringify(unknown)}\n${html}`);
      if (!seeded && live.size === known.size && [...live.keys()].every((key) => known.has(key))) return;
      const temp = `${file}.${process.pid}.tmp`;
      try {
        await mkdir(join(dir, 'bodies-v1'), { recursive: true });
        await writePack(temp, live);
        await rename(temp, file);
      } catch {
        // A cache that cannot be written only makes the next build slower.
        await rm(temp, { force: true }).catch(() => {});
      }
    },
  };
}

/**
 * Header line, entry count, then one "key length" line per entry and the entries' UTF-8 bytes.
 * Written in two passes over the entries (sizes and digest, then the bytes, a megabyte at a
 * time) rather than built whole: at 10,000 posts the pack is about 100 MB, and building it in
 * memory, twice over with the copies, set the peak memory of every build that saved it.
 */
async function writePack(file: string, entries: Map<string, string>): Promise<void> {
  const keys = [...entries.keys()].sort();
  const index = `${keys.length}\n${
    keys.map((key) => `${key} ${Buffer.byteLength(entries.get(key)!, 'utf8')}\n`).join('')
  }`;
  const digest = createHash('sha256').update(index, 'utf8');
  for (const key of keys) digest.update(entries.get(key)!, 'utf8');
  await writeFile(file, `${FORMAT}\n${digest.digest('hex')}\n${index}`);
  let batch: string[] = [];
  let length = 0;
  for (const key of keys) {
    const entry = entries.get(key)!;
    batch.push(entry);
    length += entry.length;
    if (length >= 1 << 20) {
      await appendFile(file, batch.join(''));
      batch = [];
      length = 0;
    }
  }
  if (batch.length > 0) await appendFile(file, batch.join(''));
}

async function readPack(file: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  const bytes = await readFile(file).catch(() => undefined);
  if (!bytes) return entries;
  const head = `${FORMAT}\n`;
  if (bytes.toString('latin1', 0, head.length) !== head) return entries;
  const start = head.length + 65; // digest and newline
  if (bytes.toString('latin1', head.length, start - 1) !== sha256(bytes.subarray(start))) return entries;
  let at = bytes.indexOf(10, start);
  const count = Number(bytes.toString('latin1', start, at));
  const sizes: [string, number][] = [];
  for (let i = 0; i < count; i++) {
    const end = bytes.indexOf(10, at + 1);
    const [key, size] = bytes.toString('latin1', at + 1, end).split(' ');
    sizes.push([key!, Number(size)]);
    at = end;
  }
  let offset = at + 1;
  for (const [key, size] of sizes) {
    entries.set(key, bytes.toString('utf8', offset, offset + size));
    offset += size;
  }
  return entries;
}

/** The code that turns a body into HTML: a changed engine never reuses another engine's output. */
const ENGINE_MODULES = ['./bodies', './highlight', '../deps/markdown', '../deps/shiki', '../deps/shiki-html'];
