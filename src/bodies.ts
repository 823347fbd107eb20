import type { Source } from './content.ts';
import { createMarkdown } from './deps/markdown.ts';
import { compareText } from './errors.ts';
import { highlightFences, readInfo, type Fence, type HighlightSettings } from './highlight.ts';

export interface BodiesOptions {
  html: boolean;
  highlight?: HighlightSettings; // absent: fences stay plain code
  langs?: readonly string[]; // when set, only these languages are highlighted
}

export interface Bodies {
  html: Map<Source, string>;
  warnings: string[];
  blocks: number; // highlighted fences in the site
  highlighted: number; // of which went through shiki in this build
}

// NUL never survives into a source (such files are rejected), so these placeholders cannot collide.
const PLACEHOLDER = /<pre\u0000(\d+)\u0000>/g;

/**
 * Markdown to HTML for every post and page, once. markdown-it's highlight hook is synchronous, so it
 * leaves a placeholder per fence; the fences are then highlighted together (and cached) and put back.
 */
export async function renderBodies(sources: readonly Source[], options: BodiesOptions): Promise<Bodies> {
  const fences: Fence[] = [];
  const unknown = new Map<string, string>(); // language ▶ first file (by path) that uses it
  let current = '';
  const markdown = createMarkdown({
    html: options.html,
    fence: options.highlight
      ? (code, info) => {
          const request = readInfo(code, info);
          if (request.kind === 'unknown') {
            const seen = unknown.get(request.name);
            if (seen === undefined || compareText(current, seen) < 0) unknown.set(request.name, current);
          }
          if (request.kind !== 'code' || (options.langs && !options.langs.includes(request.fence.lang))) return '';
          fences.push(request.fence);
          return `<pre\u0000${fences.length - 1}\u0000>`;
        }
      : undefined,
  });
  const html = new Map<Source, string>();
  for (const source of sources) {
    current = source.path;
    html.set(source, markdown.render(source.body));
  }
  const run = fences.length > 0 && options.highlight ? await highlightFences(fences, options.highlight) : { html: [], highlighted: 0 };
  if (fences.length > 0) {
    for (const [source, text] of html) html.set(source, text.replace(PLACEHOLDER, (_, i: string) => run.html[Number(i)]!));
  }
  const warnings = [...unknown]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, file]) => `${file}: no highlighting for the unknown language "${name}"; shown as plain code`);
  return { html, warnings, blocks: fences.length, highlighted: run.highlighted };
}
