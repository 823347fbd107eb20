import { type DefaultTreeAdapterTypes as Html, parse } from 'parse5';

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * Why a page is not well formed, by a real HTML parser: every parse error it reports, and every
 * element written with a start tag but closed only because something else came (a cut-off list
 * item, a blockquote left open), which HTML forgives and a well-formed page never needs.
 */
export function wellFormedProblems(html: string): string[] {
  const problems: string[] = [];
  const document = parse(html, {
    sourceCodeLocationInfo: true,
    onParseError: (error) => problems.push(`${error.code} at ${error.startLine}:${error.startCol}`),
  });
  const walk = (node: Html.Node) => {
    if ('tagName' in node) {
      const at = node.sourceCodeLocation;
      if (at && !VOID.has(node.tagName) && !at.endTag) {
        problems.push(`<${node.tagName}> at ${at.startLine}:${at.startCol} has no end tag`);
      }
    }
    const children = 'content' in node ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
    for (const child of children) walk(child);
  };
  walk(document);
  return problems;
}
