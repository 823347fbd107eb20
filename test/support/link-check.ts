import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listTree } from './site.ts';

/**
 * Every link in a built site that points inside it must name a file of the output: an HTML page's
 * href and src values, a feed's links and ids, a sitemap's locations. Links are resolved against
 * the page's own URL under the site's `url`, so a link that escapes the base path is caught too.
 * Returns one line per broken link; an empty list means the site is whole.
 */
export function checkLinks(outDir: string, siteUrl: string): string[] {
  const site = new URL(siteUrl);
  const problems: string[] = [];
  for (const file of listTree(outDir)) {
    // Pagefind's bundle (search: true) is its scripts and binary index files, whose templates hold
    // hrefs like "{{ sub.url }}": none of it is a page of the site.
    if (file.startsWith('pagefind/')) continue;
    const page = new URL(file.split('/').map(encodeURIComponent).join('/').replace(/(^|\/)index\.html$/, '$1'), site);
    for (const link of linksIn(file, readFileSync(join(outDir, file), 'utf8'))) {
      const problem = checkLink(outDir, site, page, link);
      if (problem) problems.push(`${file}: ${link} (${problem})`);
    }
  }
  return problems;
}

const ATTRIBUTE = /\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const XML_URL = /<(?:loc|link|id|guid[^>]*)>([^<]*)<\//g;

function linksIn(file: string, text: string): string[] {
  if (file.endsWith('.json')) return jsonLinks(JSON.parse(text));
  const found = [...text.matchAll(ATTRIBUTE)].map((m) => m[1] ?? m[2]!);
  if (file.endsWith('.xml')) found.push(...[...text.matchAll(XML_URL)].map((m) => m[1]!));
  return found.map(decodeEntities);
}

function jsonLinks(
  feed: { home_page_url?: string; feed_url?: string; items?: { url?: string; content_html?: string }[] },
): string[] {
  const items = feed.items ?? [];
  const inContent = items.flatMap((i) =>
    [...(i.content_html ?? '').matchAll(ATTRIBUTE)].map((m) => decodeEntities(m[1] ?? m[2]!))
  );
  return [feed.home_page_url, feed.feed_url, ...items.map((i) => i.url), ...inContent].filter((u): u is string =>
    u !== undefined
  );
}

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(
    /&amp;/g,
    '&',
  );
}

/** Why a link is broken, or undefined when it is fine or leads elsewhere. */
function checkLink(outDir: string, site: URL, page: URL, link: string): string | undefined {
  if (link === '' || link.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(link)) return undefined;
  let url: URL;
  try {
    url = new URL(link, page);
  } catch {
    return 'not a URL';
  }
  if (url.origin !== site.origin) return undefined; // another site
  if (!url.pathname.startsWith(site.pathname)) return `outside the base path ${site.pathname}`;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname.slice(site.pathname.length));
  } catch {
    return 'bad percent-encoding';
  }
  return resolves(outDir, rel) ? undefined : 'no such file in the output';
}

/** A file, or a folder with an index.html (servers answer "/about" with "/about/"). */
function resolves(outDir: string, rel: string): boolean {
  const full = join(outDir, rel);
  if (rel === '' || rel.endsWith('/')) return existsSync(join(full, 'index.html'));
  if (!existsSync(full)) return false;
  return statSync(full).isFile() || existsSync(join(full, 'index.html'));
}
