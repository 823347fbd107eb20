import { fencedBlock } from './fence.ts';

/**
 * Jekyll's `{% highlight lang [linenos] %} ... {% endhighlight %}` blocks. The tags may use
 * whitespace control (`{%-`, `-%}`) and may share a line with text; the fence always gets lines of
 * its own, indented like the line the opening tag is on.
 */
const HIGHLIGHT =
  /([^\n]*?)\{%-?\s*highlight\s+([^\s%]+)([^%]*?)\s*-?%\}\n?([\s\S]*?)\n?[ \t]*\{%-?\s*endhighlight\s*-?%\}([^\n]*)/g;

export interface LiquidConversion {
  body: string;
  blocks: number;
  /** Arguments after the language that a fence cannot express (linenos, mark_lines="1 2"). */
  dropped: string[];
}

export function convertHighlights(body: string): LiquidConversion {
  const result: LiquidConversion = { body, blocks: 0, dropped: [] };
  result.body = body.replace(
    HIGHLIGHT,
    (_, before: string, lang: string, args: string, code: string, after: string) => {
      result.blocks++;
      if (args.trim()) result.dropped.push(args.trim());
      const indent = /^[ \t]*$/.test(before) ? before : '';
      const lead = indent === before ? '' : `${before.replace(/[ \t]+$/, '')}\n\n`;
      const tail = after.trim() === '' ? '' : `\n\n${indent}${after.trim()}`;
      return lead + fencedBlock(lang, code, indent) + tail;
    },
  );
  return result;
}
