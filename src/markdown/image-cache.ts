import { readFileSync } from 'node:fs';
import { access, mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { ENCODERS, type ImageInfo, type RasterFormat, resizeImage, SHARP_VERSIONS } from '../deps/sharp.ts';
import { sha256 } from '../lib/digest.ts';
import { writeWhole } from '../lib/files.ts';

/** One size of a processed image in one format. */
export interface Variant {
  width: number;
  height: number;
  format: RasterFormat;
  bytes: () => Uint8Array;
}

/** What an image became: its sizes, each in its own format and (unless it is WebP) as WebP. */
export interface Processed {
  format: RasterFormat;
  variants: Variant[]; // by width, then the original format before WebP
}

export interface ImageSettings {
  widths: readonly number[];
}

/**
 * Processed images by the key of their source bytes and settings, kept for a dev server's
 * refreshes; with a cache folder, also on disk, so that a warm build processes none.
 */
export interface ImageCache {
  /** The processed image and whether it was made now (rather than found). */
  get(bytes: Uint8Array, info: ImageInfo): Promise<{ processed: Processed; made: boolean }>;
}

/** The widths an image is written in: those configured below its own width, and its own when one was above. */
export function widthsFor(configured: readonly number[], width: number): number[] {
  const below = configured.filter((w) => w < width);
  return [...new Set(below.length < configured.length ? [...below, width] : below)].sort((a, b) => a - b);
}

export function createImageCache(settings: ImageSettings, dir?: string): ImageCache {
  const kept = new Map<string, Processed>();
  const salt = JSON.stringify({ widths: settings.widths, encoders: ENCODERS, versions: SHARP_VERSIONS });
  const keys = new WeakMap<Uint8Array, string>(); // the same bytes, kept by a dev server, are hashed once
  const keyOf = (bytes: Uint8Array) =>
    keys.get(bytes) ?? keys.set(bytes, sha256(`${salt}\n${sha256(bytes)}`)).get(bytes)!;
  return {
    async get(bytes, info) {
      const key = keyOf(bytes);
      const known = kept.get(key) ?? (dir ? await readCached(dir, key) : undefined);
      if (known) return kept.set(key, known), { processed: known, made: false };
      const made = await processImage(bytes, info, widthsFor(settings.widths, info.width));
      // Once on disk, the bytes are read from there when written: 500 photos' sizes are not held at once.
      const processed = (dir && await saveCached(dir, key, made) && await readCached(dir, key)) || made;
      kept.set(key, processed);
      return { processed, made: true };
    },
  };
}

async function processImage(bytes: Uint8Array, info: ImageInfo, widths: number[]): Promise<Processed> {
  const formats: RasterFormat[] = info.format === 'webp' ? ['webp'] : [info.format, 'webp'];
  const variants: Variant[] = [];
  for (const width of widths) {
    for (const format of formats) {
      const made = await resizeImage(bytes, width, format);
      variants.push({ width: made.width, height: made.height, format, bytes: () => made.bytes });
    }
  }
  return { format: info.format, variants };
}

interface Entry {
  format: RasterFormat;
  variants: { width: number; height: number; format: RasterFormat }[];
}

const fileOf = (dir: string, key: string, v: { width: number; format: string }) =>
  join(dir, 'images', `${key}-${v.width}.${v.format}`);

/** The entry is written last, so an entry on disk means its files are there too. False when it cannot be. */
async function saveCached(dir: string, key: string, processed: Processed): Promise<boolean> {
  try {
    await mkdir(join(dir, 'images'), { recursive: true });
    for (const v of processed.variants) await writeWhole(fileOf(dir, key, v), v.bytes());
    const entry: Entry = { format: processed.format, variants: processed.variants.map(({ bytes: _, ...v }) => v) };
    const file = join(dir, 'images', `${key}.json`);
    await writeWhole(`${file}.tmp`, new TextEncoder().encode(JSON.stringify(entry)));
    await rename(`${file}.tmp`, file);
    return true;
  } catch {
    return false; // a cache that cannot be written costs the next build time, not this one its output
  }
}

/** A cached entry whose files are read when the output is written, not held in memory. */
async function readCached(dir: string, key: string): Promise<Processed | undefined> {
  const text = await readFile(join(dir, 'images', `${key}.json`), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as Entry;
    await Promise.all(entry.variants.map((v) => access(fileOf(dir, key, v))));
    const variants = entry.variants.map((v) => ({ ...v, bytes: () => readFileSync(fileOf(dir, key, v)) }));
    return { format: entry.format, variants };
  } catch {
    return undefined;
  }
}
