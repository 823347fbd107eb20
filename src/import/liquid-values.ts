import { convertHighlights } from './liquid.ts';

/** What a Jekyll site knew when it rendered a post or page, as far as the importer can tell. */
export interface LiquidContext {
  page: Record<string, unknown>;
  site: Record<string, unknown>;
  /** `site.url` without a trailing slash ("https://example.org"), and `site.baseurl` ("/blog" or ""). */
  url: string;
  baseurl: string;
  /** Each post's file name without extension ("2014-10-13-hello") and its old URL path. */
  postUrls: Map<string, string>;
}

export interface LiquidResult {
  body: string;
  changes: string[];
  /** Liquid left in the body: its line in the file, and its text. */
  left: { line: number; text: string }[];
}

const RAW = /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g;
const OUTPUT = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const LEFT = /\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g;
const POST_URL = /\{%-?\s*post_url\s+([^\s%]+)\s*-?%\}/g;
const SAFE_FILTERS = ['escape', 'xml_escape', 'upcase', 'downcase', 'strip', 'relative_url', 'absolute_url', 'default'];

/**
 * Converts the Liquid a build would have filled in at import time: `{% highlight %}` blocks, the
 * values of `page.*` and `site.*` (the base path left to Colophon, which adds it to root-relative
 * links), `{% post_url %}` and `{% raw %}`. Whatever is left goes into an HTML comment, so no page
 * shows it, and is listed with its line in the file.
 */
export function convertLiquid(body: string, context: LiquidContext, bodyLine: number): LiquidResult {
  const kept: string[] = [];
  const changes: string[] = [];
  let text = body.replace(RAW, (_, inner: string) => `\u0000${kept.push(inner) - 1}\u0000`);
  if (kept.length > 0) changes.push(`${kept.length} {% raw %} block${kept.length === 1 ? '' : 's'} unwrapped`);
  const code = convertHighlights(text);
  text = code.body;
  if (code.blocks > 0) {
    changes.push(`${code.blocks} {% highlight %} block${code.blocks === 1 ? '' : 's'} rewritten as fenced code`);
  }
  if (code.dropped.length > 0) changes.push(`highlight options dropped: ${[...new Set(code.dropped)].join(', ')}`);
  const filled = new Set<string>();
  text = text.replace(/\{\{-?\s*site\.url\s*-?\}\}\{\{-?\s*site\.baseurl\s*-?\}\}/g, () => {
    filled.add('{{ site.url }}{{ site.baseurl }}');
    return `${context.url}${context.baseurl}`;
  });
  text = text.replace(OUTPUT, (whole, expression: string) => {
    const value = evaluate(expression, context);
    if (value === undefined) return whole;
    filled.add(whole.replace(/\s+/g, ' '));
    return value;
  });
  text = text.replace(POST_URL, (whole, name: string) => {
    const url = context.postUrls.get(name.replace(/^.*\//, '').replace(/\.[^.]+$/, ''));
    if (url === undefined) return whole;
    filled.add(`{% post_url ${name} %}`);
    return url;
  });
  if (filled.size > 0) changes.push(`Liquid filled in: ${[...filled].join(' ')}`);
  const left: LiquidResult['left'] = [];
  text = text.replace(LEFT, (whole: string, index: number) => {
    const at = body.indexOf(whole);
    const before = at >= 0 ? body.slice(0, at) : text.slice(0, index);
    left.push({ line: bodyLine + before.split('\n').length - 1, text: whole.replace(/\s+/g, ' ') });
    return `<!-- ${whole.replace(/--/g, '- -')} -->`;
  });
  for (const item of left) {
    changes.push(`Liquid at line ${item.line} left in an HTML comment, convert it by hand: ${item.text}`);
  }
  return { body: text.replace(/\u0000(\d+)\u0000/g, (_, n: string) => kept[Number(n)]!), changes, left };
}

/** `page.title`, `site.author.name | escape`, `"/img/a.png" | relative_url`: the text, or undefined. */
function evaluate(expression: string, context: LiquidContext): string | undefined {
  const [head, ...filters] = expression.split('|').map((part) => part.trim());
  let value: string | undefined;
  const literal = /^(["'])(.*)\1$/.exec(head!);
  if (literal) value = literal[2]!;
  else if (head === 'site.url') value = context.url;
  else if (head === 'site.baseurl') value = '';
  else {
    const path = /^(page|site)((?:\.[A-Za-z_][\w-]*)+)$/.exec(head!);
    if (!path) return undefined;
    let node: unknown = path[1] === 'page' ? context.page : context.site;
    for (const key of path[2]!.slice(1).split('.')) {
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') value = String(node);
    else if (Array.isArray(node) && node.every((item) => typeof item === 'string')) value = node.join(', ');
  }
  for (const filter of filters) {
    const [name, arg] = filter.split(':').map((part) => part.trim());
    if (!SAFE_FILTERS.includes(name!)) return undefined;
    if (name === 'default') {
      const fallback = /^(["'])(.*)\1$/.exec(arg ?? '');
      if (!fallback) return undefined;
      if (value === undefined || value === '') value = fallback[2];
      continue;
    }
    if (value === undefined) return undefined;
    value = applyFilter(name!, value, context);
  }
  return value;
}

function applyFilter(name: string, value: string, context: LiquidContext): string {
  switch (name) {
    case 'escape':
    case 'xml_escape':
      return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    case 'upcase':
      return value.toUpperCase();
    case 'downcase':
      return value.toLowerCase();
    case 'strip':
      return value.trim();
    case 'absolute_url':
      return /^[a-z]+:/i.test(value)
        ? value
        : `${context.url}${context.baseurl}${value.startsWith('/') ? '' : '/'}${value}`;
    default: // relative_url: Colophon puts the base path in front of a root-relative link itself
      return /^[a-z]+:/i.test(value) || value.startsWith('/') ? value : `/${value}`;
  }
}
