import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Built } from './site.ts';

/** The old public URLs a fixture lists, one a line; `#` starts a comment. */
export function oldUrls(fixture: string): string[] {
  return readFileSync(join(fixture, '_old-urls.txt'), 'utf8').split('\n').map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '');
}

export type Served = { as: 'page' | 'feed' | 'file'; file: string } | { as: 'redirect'; to: string; by: string };

/**
 * How the built site answers a URL, as a static host would: the file at the path, a folder's
 * index.html (or its index.xml, where the host is told `DirectoryIndex index.html index.xml`), an
 * HTML redirect page, or a line of _redirects. A feed must parse as Atom or RSS with entries.
 */
export function serve(built: Built, url: string, directoryIndexXml = false): Served | string {
  const path = decodeURI(url).replace(/^\//, '');
  const candidates = path === '' || path.endsWith('/')
    ? [`${path}index.html`, ...(directoryIndexXml ? [`${path}index.xml`] : [])]
    : [path];
  const file = candidates.find((candidate) => built.output.has(candidate));
  if (file === undefined) {
    const rule = redirects(built).find(([from]) => from === url);
    return rule ? { as: 'redirect', to: rule[1], by: '_redirects' } : `nothing at ${url}`;
  }
  if (file.endsWith('.xml') && !file.endsWith('sitemap.xml')) {
    const xml = built.read(file);
    const root = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<\?xml-stylesheet[^>]*\?>\s*)?<(feed|rss)\b/.exec(xml)?.[1];
    if (!root) return `${file} is neither Atom nor RSS`;
    const entries = (xml.match(root === 'feed' ? /<entry>/g : /<item>/g) ?? []).length;
    return entries > 0 ? { as: 'feed', file } : `${file} has no entries`;
  }
  if (!file.endsWith('.html')) return { as: 'file', file };
  const html = built.read(file);
  const refresh = /<meta http-equiv="refresh" content="\d+;\s*url=([^"]+)"/i.exec(html)?.[1];
  return refresh
    ? { as: 'redirect', to: new URL(refresh.replace(/&amp;/g, '&'), 'http://x/').pathname, by: file }
    : { as: 'page', file };
}

/** Follows a redirect to what it leads to; a redirect must end at a page or a feed. */
export function serveFinally(built: Built, url: string, directoryIndexXml = false): Served | string {
  let answer = serve(built, url, directoryIndexXml);
  for (let hops = 0; typeof answer !== 'string' && answer.as === 'redirect' && hops < 3; hops++) {
    const next = serve(built, answer.to, directoryIndexXml);
    answer = typeof next === 'string' ? `${url} redirects to ${answer.to}: ${next}` : next;
  }
  return answer;
}

function redirects(built: Built): [string, string][] {
  if (!built.output.has('_redirects')) return [];
  return built.read('_redirects').split('\n').map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length >= 2 && !parts[0]!.startsWith('#')).map((parts) => [parts[0]!, parts[1]!]);
}

/**
 * Template syntax a reader would see: `{{` or `{%` in a page's text, outside code (where a post may
 * show it on purpose), comments, scripts and styles.
 */
export function visibleTemplateSyntax(html: string): string[] {
  const visible = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(pre|code|script|style)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]*>/g, ' ');
  return [...visible.matchAll(/.{0,30}(\{\{|\{%).{0,30}/g)].map((m) => m[0]);
}
