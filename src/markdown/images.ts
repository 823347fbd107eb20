import type { Config } from '../config/types.ts';
import type { Source } from '../content/types.ts';
import { type ImageInfo, imageInfo } from '../deps/sharp.ts';
import { cacheDirFor } from '../lib/cache-dir.ts';
import { mapLimit } from '../lib/concurrency.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { safeDecode } from '../lib/html.ts';
import { MapView } from '../lib/map-view.ts';
import { compareText } from '../lib/order.ts';
import { ownersOf } from '../model/reuse.ts';
import type { Site } from '../model/types.ts';
import { createImageCache, type Processed } from './image-cache.ts';
import { largestUrl, MARKDOWN_IMG, pictureHtml, showsImages, variantUrl } from './picture.ts';
import type { BodyHtml } from './types.ts';

/**
 * Images side by side: each runs on one libvips thread (see deps/sharp.ts), and a 2,000 × 1,500
 * photo decoded takes about 12 MB, so two at a time keep 2 cores busy in little memory.
 */
export const MAX_IMAGE_JOBS = 2;

const RASTER = /\.(?:jpe?g|png|webp|avif)$/i;

/** What the image pass made of a site's bodies. */
export interface ImagesDone {
  html: ReadonlyMap<string, string>; // by source path: the body with its images marked up
  changed: ReadonlyMap<string, string>; // the same, for only the bodies whose HTML that changed
  files: Map<string, () => Uint8Array>; // output path ▶ a processed image's bytes
  og: Map<string, string>; // source path ▶ the URL path of its front matter `image`, processed
  images: { total: number; processed: number };
}

/** Kept between the dev server's refreshes, as the body store is: an image processed once is not processed again. */
export interface ImageStore {
  apply(site: Site, html: BodyHtml): Promise<ImagesDone>;
}

export function createImageStore(config: Config, options: { cache: boolean; cacheDir?: string }): ImageStore {
  const settings = config.images;
  if (settings === false) {
    return {
      apply: async (_, html) => ({ html, changed: new Map(), files: new Map(), og: new Map(), images: none() }),
    };
  }
  const dir = options.cache ? (options.cacheDir ?? cacheDirFor(config.siteDir)) : undefined;
  const cache = createImageCache(settings, dir);
  // A dev server's refresh keeps the bytes of files it did not re-read: what they are is known.
  const read = new WeakMap<Uint8Array, ImageInfo | string>();
  const infoOf = async (bytes: Uint8Array) => read.get(bytes) ?? read.set(bytes, await imageInfo(bytes)).get(bytes)!;
  return {
    async apply(site, html) {
      // Most bodies show no image: only those that may are looked at (a dev server's save knows them).
      const byPath = ownersOf(site);
      const owners = html.pictured().flatMap((path) => byPath.get(path) ?? []);
      const refs = owners.flatMap(({ source, path }) => referencesOf(source, path, html));
      const published = refs.length > 0 ? publishedFiles(site) : new Map<string, Uint8Array>();
      const infos = await inspectAll(refs, published, infoOf);
      const targets = [...infos.keys()].sort(compareText);
      const { done, processed } = await processAll(
        targets,
        refs,
        (target) => cache.get(published.get(target)!, infos.get(target)!),
      );
      const files = new Map<string, () => Uint8Array>();
      for (const target of targets) {
        for (const v of done.get(target)!.variants) files.set(variantUrl(target, v).slice(1), v.bytes);
      }
      const og = new Map<string, string>();
      for (const ref of refs) {
        if (ref.frontMatter) og.set(ref.source.path, largestUrl(ref.target, done.get(ref.target)!));
      }
      // A body that shows no image is left as it is, and not even decoded (see BodyHtml).
      const changed = new Map<string, string>();
      for (const { source, path } of owners) {
        if (!html.mayShowImages(source.path)) continue;
        const before = html.get(source.path)!;
        const after = markUp(before, path, done, settings.sizes);
        if (after !== before) changed.set(source.path, after);
      }
      const images = { total: targets.length, processed };
      return { html: new Overlay(html, changed), changed, files, og, images };
    },
  };
}

/** What each referenced image is, by target; throws BuildFailure naming every reference with a problem. */
async function inspectAll(
  refs: readonly Reference[],
  published: ReadonlyMap<string, Uint8Array>,
  infoOf: (bytes: Uint8Array) => Promise<ImageInfo | string>,
): Promise<Map<string, ImageInfo>> {
  const errors: ColophonError[] = [];
  const infos = new Map<string, ImageInfo>();
  for (const ref of refs) {
    if (infos.has(ref.target)) continue;
    const bytes = published.get(ref.target);
    const info = bytes
      ? await infoOf(bytes)
      : `no file is published at ${ref.target} (in the post's bundle or in public/)`;
    if (typeof info === 'string') errors.push(imageError(ref, info));
    else infos.set(ref.target, info);
  }
  if (errors.length > 0) throw new BuildFailure(errors.sort(byPlace));
  return infos;
}

/** Every target processed or found, MAX_IMAGE_JOBS at a time; one whose pixels cannot be decoded is E_IMAGE. */
async function processAll(
  targets: readonly string[],
  refs: readonly Reference[],
  get: (target: string) => Promise<{ processed: Processed; made: boolean }>,
): Promise<{ done: Map<string, Processed>; processed: number }> {
  let processed = 0;
  const done = new Map<string, Processed>();
  const failed = new Map<string, string>(); // a header that reads well over pixels that do not
  await mapLimit(targets, MAX_IMAGE_JOBS, async (target) => {
    try {
      const got = await get(target);
      if (got.made) processed++;
      done.set(target, got.processed);
    } catch (error) {
      failed.set(target, `it cannot be decoded (${(error as Error).message.trim()})`);
    }
  });
  const broken = refs.filter((ref) => failed.has(ref.target));
  if (broken.length > 0) throw new BuildFailure(broken.map((r) => imageError(r, failed.get(r.target)!)).sort(byPlace));
  return { done, processed };
}

const none = () => ({ total: 0, processed: 0 });

interface Reference {
  source: Source;
  src: string; // as written (in the body, markdown-it's normalized form)
  url: string; // the URL path it resolves to, percent-encoded: "/2024/05/01/trip/photo.jpg"
  target: string; // the same, decoded: the output path, with its leading "/"
  frontMatter: boolean;
}

/** The local raster images a post's body and front matter `image` show. */
function referencesOf(source: Source, pagePath: string, bodies: BodyHtml): Reference[] {
  const refs: Reference[] = [];
  const add = (src: string, frontMatter: boolean) => {
    const url = localUrl(src, pagePath);
    if (url !== undefined && RASTER.test(url)) refs.push({ source, src, url, target: safeDecode(url), frontMatter });
  };
  if (bodies.mayShowImages(source.path)) {
    for (const match of bodies.get(source.path)!.matchAll(MARKDOWN_IMG)) add(match[1]!.replace(/&amp;/g, '&'), false);
  }
  if (source.image !== undefined) add(source.image, true);
  return refs;
}

/** A src as a site URL path, as the browser would resolve it on the page; undefined for a remote or data URL. */
function localUrl(src: string, pagePath: string): string | undefined {
  if (src === '' || src.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('#')) return undefined;
  return new URL(src, `http://site${pagePath}`).pathname;
}

/** Output path ("/a/photo.jpg") ▶ bytes, for every file published as it is: bundles' and public/'s. */
function publishedFiles(site: Site): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const asset of site.assets) files.set(`/${asset.path}`, asset.bytes);
  for (const file of site.bundleFiles) files.set(`/${file.output}`, file.bytes);
  return files;
}

function imageError(ref: Reference, problem: string): ColophonError {
  const { source } = ref;
  return new ColophonError('E_IMAGE', `the image "${ref.src}" cannot be shown: ${problem}`, {
    file: source.path,
    line: ref.frontMatter ? source.lines?.image : lineOf(source, ref.src),
  });
}

/** The body line that names the image, counted in the whole file. */
function lineOf(source: Source, src: string): number | undefined {
  const lines = source.body.split('\n');
  const index = [src, safeDecode(src)].map((s) => lines.findIndex((l) => l.includes(s))).find((i) => i >= 0);
  return index === undefined || source.lines === undefined ? undefined : source.lines.body + index;
}

const byPlace = (a: ColophonError, b: ColophonError) =>
  compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0);

/** Each Markdown image of a processed file as a `<picture>`; the others as they were. */
function markUp(html: string, pagePath: string, done: ReadonlyMap<string, Processed>, sizes: string): string {
  if (!showsImages(html)) return html;
  return html.replace(MARKDOWN_IMG, (tag, src: string, alt: string, title?: string) => {
    const url = localUrl(src.replace(/&amp;/g, '&'), pagePath);
    const image = url === undefined ? undefined : done.get(safeDecode(url));
    return image ? pictureHtml(url!, image, { alt, title }, sizes) : tag;
  });
}

/** The bodies as given, but for those the image pass changed. */
class Overlay extends MapView<string, string> {
  constructor(private readonly base: ReadonlyMap<string, string>, private readonly over: ReadonlyMap<string, string>) {
    super();
  }
  get size(): number {
    return this.base.size;
  }
  get(path: string): string | undefined {
    return this.over.get(path) ?? this.base.get(path);
  }
  has(path: string): boolean {
    return this.base.has(path);
  }
  keys(): MapIterator<string> {
    return this.base.keys();
  }
}
