import { type DefaultTreeAdapterTypes as Html, parseFragment } from 'parse5';

/**
 * parse5 reads HTML as browsers do (implied end tags, raw text in <script>, comments inside other
 * markup), so "is this a comment, and inside what" gets the answer a browser would give.
 */
export interface CommentPlace {
  topLevel: boolean; // the comment is itself one of the fragment's top-level nodes
  blockEnd: number; // where the top-level node holding it ends (an offset in the text)
}

/** The place of the comment starting at `offset`, or undefined when no comment starts there. */
export function commentAt(html: string, offset: number): CommentPlace | undefined {
  const nodes = parseFragment(html, { sourceCodeLocationInfo: true }).childNodes;
  for (const [i, node] of nodes.entries()) {
    if (!holds(node, offset)) continue;
    const end = node.sourceCodeLocation?.endOffset ?? nodes[i + 1]?.sourceCodeLocation?.startOffset;
    return { topLevel: isCommentAt(node, offset), blockEnd: end ?? html.length };
  }
  return undefined;
}

function isCommentAt(node: Html.ChildNode, offset: number): boolean {
  return node.nodeName === '#comment' && node.sourceCodeLocation?.startOffset === offset;
}

function holds(node: Html.ChildNode, offset: number): boolean {
  if (isCommentAt(node, offset)) return true;
  const children = 'content' in node ? node.content.childNodes : 'childNodes' in node ? node.childNodes : [];
  return children.some((child) => holds(child, offset));
}
