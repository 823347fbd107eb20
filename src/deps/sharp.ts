import sharp, { type Metadata } from 'sharp';

/**
 * sharp (libvips) behind the few calls Colophon makes. Its output is the same bytes on Node and on
 * Deno (one prebuilt libvips serves both), but not across thread counts: the AVIF encoder splits its
 * work by libvips' thread count, and gave other bytes with 2 or 4 threads than with 1. So each image
 * runs on one libvips thread, and images are processed side by side instead (see MAX_IMAGE_JOBS).
 * The operation cache is off: a long-running dev server would keep every decoded image in it.
 */
sharp.concurrency(1);
sharp.cache(false);

/** The raster formats that are resized; each is written in its own format and as WebP. */
export type RasterFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export interface ImageInfo {
  format: RasterFormat;
  width: number;
  height: number;
}

/**
 * The largest image decoded, in pixels: sharp's own default (16,383 × 16,383), named here so that
 * the message refusing a larger one can say it. Below it, a decoded image fits in about 1 GiB.
 */
export const MAX_PIXELS = 0x3fff * 0x3fff;

/** Pinned encoder settings: part of every processed image's cache key (see imageSettings). */
export const ENCODERS = {
  // libjpeg-turbo, not mozjpeg: mozjpeg's trellis search took 7 times as long at 1,920 pixels wide.
  jpeg: { quality: 80, mozjpeg: false, progressive: false, optimiseCoding: true, chromaSubsampling: '4:2:0' },
  png: { compressionLevel: 9, adaptiveFiltering: false, palette: false },
  webp: { quality: 80, effort: 4, smartSubsample: false },
  avif: { quality: 55, effort: 4, chromaSubsampling: '4:2:0' },
} as const;

export const SHARP_VERSIONS = `sharp ${sharp.versions.sharp} libvips ${sharp.versions.vips}`;

/** What a file is, from its header only; a message when it is no image sharp reads or is too large. */
export async function imageInfo(bytes: Uint8Array): Promise<ImageInfo | string> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    return `it is not an image that can be read (${(error as Error).message})`;
  }
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  if (format !== 'jpeg' && format !== 'png' && format !== 'webp' && format !== 'avif') {
    return `its contents are ${meta.format ?? 'unknown'}, not JPEG, PNG, WebP or AVIF`;
  }
  // EXIF orientations 5-8 turn the picture a quarter: what is shown is the other way round.
  const turned = (meta.orientation ?? 1) >= 5;
  const [width, height] = turned ? [meta.height, meta.width] : [meta.width, meta.height];
  if (width * height > MAX_PIXELS) {
    return `it is ${width} × ${height} pixels, more than the ${0x3fff} × ${0x3fff} (268 megapixels) that are ` +
      'resized within memory limits';
  }
  return { format, width, height };
}

/**
 * One resized copy, without metadata (sharp writes none unless asked), turned upright first as
 * its EXIF orientation says. Animated WebP and AVIF keep their first frame.
 */
export async function resizeImage(bytes: Uint8Array, width: number, format: RasterFormat): Promise<Resized> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PIXELS, sequentialRead: true })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .toFormat(format, ENCODERS[format])
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

export interface Resized {
  bytes: Uint8Array;
  width: number;
  height: number;
}
