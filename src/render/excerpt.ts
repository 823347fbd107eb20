/**
 * `<!-- more -->` on a line of its own ends a post's excerpt. Markdown passes the comment through
 * as an HTML block, so in the rendered body it sits between complete blocks and the HTML before it
 * stands alone. In code it is escaped (`&lt;!--`) and does not count.
 */
const MORE = /^<!--\s*more\s*-->[ \t]*$/im;

/** The body's HTML before the marker, or undefined when the post has none (or nothing before it). */
export function excerptOf(html: string): string | undefined {
  const match = MORE.exec(html);
  const before = match ? html.slice(0, match.index).trimEnd() : '';
  return before === '' ? undefined : `${before}\n`;
}
