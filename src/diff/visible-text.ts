import { scanHtml } from '../deps/markup.ts';

/**
 * Elements that start and end a line of text as a browser lays them out (blocks, list items, table
 * cells, line breaks), so that a change shows as the lines it touches rather than the whole page.
 */
// deno-fmt-ignore
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th',
  'title', 'tr', 'ul',
]);

/** Never shown as text. The head's other elements have no text; its title is shown (in the tab). */
const HIDDEN = new Set(['script', 'style', 'template']);

/**
 * The text a reader sees on a page, one line per block: markup, scripts and styles left out,
 * entities decoded, runs of white space made one space, and code (`pre`) kept line for line.
 */
export function visibleText(html: string): string[] {
  const lines: string[] = [];
  let line = '';
  let hidden = 0;
  let pre = 0;
  const flush = () => {
    const text = pre > 0 ? line.replace(/\s+$/, '') : line.replace(/\s+/g, ' ').trim();
    if (text !== '') lines.push(text);
    line = '';
  };
  scanHtml(html, {
    open(name) {
      if (HIDDEN.has(name)) hidden++;
      else if (BLOCKS.has(name)) flush();
      if (name === 'pre') pre++;
    },
    text(text) {
      if (hidden > 0) return;
      if (pre === 0) {
        line += text; // white space is collapsed once the line is complete
        return;
      }
      const parts = text.split('\n');
      line += parts[0];
      for (const part of parts.slice(1)) flush(), line = part;
    },
    close(name) {
      if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
      else if (BLOCKS.has(name)) flush();
      if (name === 'pre') pre = Math.max(0, pre - 1);
    },
  });
  flush();
  return lines;
}
