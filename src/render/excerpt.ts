import { commentAt } from '../deps/html.ts';

/**
 * `<!-- more -->` on a line of its own ends a post's excerpt. Between top-level blocks, the excerpt is
 * the HTML before it. Inside a list, a blockquote or raw HTML it ends after the outermost element
 * holding it, so a list page never gets half an element. In code it is escaped (`&lt;!--`), and in a
 * script, an attribute or another comment it is no comment: neither counts.
 */
const MORE = /^<!--\s*more\s*-->[ \t]*$/gim;

/** The body's HTML up to the first marker, or undefined when the post has none (or nothing before it). */
export function excerptOf(html: string): string | undefined {
  for (const match of html.matchAll(MORE)) {
    const cut = cutAt(html, match.index, match.index + match[0].length);
    if (cut === undefined) continue;
    const before = html.slice(0, cut).trimEnd();
    return before === '' ? undefined : `${before}\n`;
  }
  return undefined;
}

/** Where the excerpt ends for a marker at [start, end), or undefined when it is not a comment. */
function cutAt(html: string, start: number, end: number): number | undefined {
  // Reading up to the marker tells whether it is a top-level comment: the usual case, and cheap,
  // as only the excerpt is parsed. Only a nested marker needs the whole body, to find its block's end.
  const head = commentAt(html.slice(0, end), start);
  if (head === undefined) return undefined;
  return head.topLevel ? start : commentAt(html, start)!.blockEnd;
}
