import type { Processed, Variant } from './image-cache.ts';

/** An `<img>` as markdown-it writes one for `![alt](src "title")`: raw HTML with other attributes is left alone. */
export const MARKDOWN_IMG = /<img src="([^"]*)" alt="([^"]*)"(?: title="([^"]*)")?\s*\/?>/g;

/** Whether body HTML may show an image: the cheap test before MARKDOWN_IMG, recorded by the body cache. */
export const showsImages = (html: string): boolean => html.includes('<img ');

export const LAZY = ' loading="lazy" decoding="async"';

const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', avif: 'avif' };

/** Where a variant is published: beside the original, "/a/photo.jpg" -> "/a/photo-640w.webp" (a URL path). */
export function variantUrl(original: string, variant: Pick<Variant, 'width' | 'format'>): string {
  const slash = original.lastIndexOf('/');
  const dot = original.lastIndexOf('.');
  const stem = dot > slash ? original.slice(0, dot) : original;
  return `${stem}-${variant.width}w.${EXTENSIONS[variant.format]}`;
}

export interface PictureAttributes {
  alt: string; // as markdown-it escaped it
  title?: string;
}

/**
 * `<picture>` with a WebP `<source>` and an `<img>` in the original format, each with every width
 * in `srcset`; `width` and `height` are the largest's, so the browser keeps the space while it loads.
 * A WebP original needs no `<source>`. Every image is lazy here; a page's own first one is made
 * eager when the page is rendered (see eagerFirstImage), as lists and feeds show it further down.
 */
export function pictureHtml(url: string, image: Processed, attrs: PictureAttributes, sizes: string): string {
  const at = (v: Variant) => variantUrl(url, v).replace(/&/g, '&amp;'); // the one character a URL path keeps
  const srcset = (format: string) =>
    image.variants.filter((v) => v.format === format).map((v) => `${at(v)} ${v.width}w`).join(', ');
  const largest = largestOwn(image);
  const title = attrs.title === undefined ? '' : ` title="${attrs.title}"`;
  const img = `<img src="${at(largest)}" srcset="${srcset(image.format)}" sizes="${sizes}" ` +
    `width="${largest.width}" height="${largest.height}" alt="${attrs.alt}"${title}${LAZY}>`;
  if (image.format === 'webp') return img;
  return `<picture><source type="image/webp" srcset="${srcset('webp')}" sizes="${sizes}">${img}</picture>`;
}

/** The largest size in the original format: what og:image shows. */
export function largestUrl(url: string, image: Processed): string {
  return variantUrl(url, largestOwn(image));
}

/** The widest variant in the original's format (variants come narrowest first). */
function largestOwn(image: Processed): Variant {
  return image.variants.filter((v) => v.format === image.format).at(-1)!;
}

/** On a post's or page's own page, the first image is likely in view at once: it is not lazy there. */
export function eagerFirstImage(html: string): string {
  const at = html.indexOf(LAZY);
  return at < 0 ? html : html.slice(0, at) + html.slice(at + LAZY.length);
}
