import { decodeEntities } from '../deps/markdown.ts';

/** What search engines show of a page: at most this many characters. */
export const DESCRIPTION_LIMIT = 160;

/**
 * A page's description when its front matter has none: the excerpt (the HTML before
 * `<!-- more -->`) or else the first paragraph that has text, as plain text cut at a word boundary.
 * Undefined when the body has no text in paragraphs.
 */
export function describeBody(html: string, excerpt?: string): string | undefined {
  if (excerpt !== undefined) {
    const text = plainText(excerpt);
    if (text !== '') return clip(text);
  }
  for (const match of html.matchAll(PARAGRAPH)) {
    const text = plainText(match[1]!);
    if (text !== '') return clip(text);
  }
  return undefined;
}

const PARAGRAPH = /<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g;
// A footnote mark and a heading's self-link are not part of what the text says.
const NOT_TEXT = /<sup class="footnote-ref">[\s\S]*?<\/sup>|<a class="header-anchor"[^>]*>[\s\S]*?<\/a>/g;

// Where one block ends and the next begins there is a space between words; inside a paragraph, none.
const BLOCK_END = /<(?:br|hr|img|\/(?:p|li|h[1-6]|div|blockquote|pre|td|th|dt|dd|figcaption|section))\b[^>]*>/gi;

/** HTML as the text a reader sees: tags dropped, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  const text = html.replace(NOT_TEXT, '').replace(BLOCK_END, ' ').replace(/<[^>]*>/g, '');
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * At most `limit` characters (code points, so no emoji is cut in half). Longer text ends at the
 * last space that leaves room for "…"; text without spaces near the end (Chinese, Japanese) is cut
 * where the room ends.
 */
export function clip(text: string, limit = DESCRIPTION_LIMIT): string {
  const chars = [...text];
  if (chars.length <= limit) return text;
  const room = chars.slice(0, limit - 1).join('');
  const space = chars[limit - 1] === ' ' ? room.length : room.lastIndexOf(' ');
  const cut = space >= room.length / 2 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}
