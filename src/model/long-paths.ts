import type { Source } from '../content/types.ts';
import { ColophonError } from '../lib/errors.ts';
import { abbreviate, byteLength, longSegmentIndex, MAX_NAME_BYTES, MAX_PATH_BYTES } from '../lib/limits.ts';
import type { Site } from './types.ts';

/**
 * Output paths a file system would refuse, found before anything is rendered. Each field is checked
 * on its own when its file is read; this finds what only the filled-in pattern shows, such as a slug
 * of 252 bytes in `/:slug.html`, and names the front matter field (or file name) it comes from.
 */
export function findLongPaths(site: Site): ColophonError[] {
  const found = [
    ...site.posts.map((post) => problem(post.source, post.output, post.source.permalink ?? site.config.permalink)),
    ...site.pages.map((page) => problem(page.source, page.output, page.source.permalink)),
  ];
  return found.filter((error) => error !== undefined);
}

function problem(source: Source, output: string, pattern: string | undefined): ColophonError | undefined {
  const index = longSegmentIndex(output);
  const bytes = byteLength(output);
  if (index < 0 && bytes <= MAX_PATH_BYTES) return undefined;
  const what = index < 0
    ? `is ${bytes} bytes long; a path can have at most ${MAX_PATH_BYTES}`
    : `has a folder or file name of ${byteLength(output.split('/')[index]!)} bytes; at most ${MAX_NAME_BYTES} fit`;
  const from = index < 0 ? origin(source, pattern, '') : origin(source, pattern, segmentOf(pattern, index));
  return new ColophonError('E_FRONTMATTER_FIELD', `the output path ${abbreviate(output)} ${what} (made from ${from})`, {
    file: source.path,
    hint: `shorten ${from}`,
  });
}

/** The pattern's text for one segment of the output path: both have the same segments. */
function segmentOf(pattern: string | undefined, index: number): string {
  return (pattern ?? '').replace(/^\/+/, '').split('/')[index] ?? '';
}

function origin(source: Source, pattern: string | undefined, segment: string): string {
  const slug = source.data.slug === undefined ? 'the file name' : '"slug"';
  if (pattern === undefined) return 'the file name'; // a page at its path under content/
  if (segment.includes(':slug')) return slug;
  if (segment.includes(':category')) return '"categories"';
  if (source.permalink !== undefined) return '"permalink"';
  return segment === '' && source.kind === 'post' ? slug : "the site's permalink pattern";
}
