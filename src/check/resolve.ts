import type { PageParts } from '../deps/html-parser.ts';
import type { Config } from '../config/types.ts';
import { safeDecode } from '../lib/html.ts';
import type { OutputBytes } from '../render/types.ts';

export type Resolved =
  | { kind: 'ok'; file: string }
  | { kind: 'ignored' } // mailto:, tel:, data: and the like
  | { kind: 'external'; url: string }
  | { kind: 'broken'; why: 'broken-link' | 'broken-fragment' | 'outside-base'; shown: string };

/**
 * Where a link on an output page leads, as a static host serves the output: "/a/" is a/index.html,
 * "/a" is the file a or a/index.html, and "#id" must name an element of the page it leads to ("#top"
 * and "#" always scroll to the top).
 */
export function resolver(config: Config, output: OutputBytes, pages: ReadonlyMap<string, PageParts>) {
  const site = new URL(config.url);
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    let set = ids.get(page);
    if (!set) ids.set(page, set = new Set(pages.get(page)?.ids ?? []));
    return set;
  };
  return (raw: string, page: string): Resolved => {
    if (/^(?:mailto|tel|javascript|data|sms|ftp|irc|news):/i.test(raw)) return { kind: 'ignored' };
    let url: URL;
    try {
      url = new URL(raw, pageUrl(site, page));
    } catch {
      return { kind: 'broken', why: 'broken-link', shown: raw };
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'ignored' };
    if (url.origin !== site.origin) return { kind: 'external', url: url.href };
    const path = safeDecode(url.pathname);
    if (!path.startsWith(config.basePath)) return { kind: 'broken', why: 'outside-base', shown: url.pathname };
    const rel = path.slice(config.basePath.length);
    const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`];
    const file = candidates.find((c) => output.has(c));
    if (file === undefined) return { kind: 'broken', why: 'broken-link', shown: url.pathname };
    const id = safeDecode(url.hash.slice(1));
    if (id !== '' && id !== 'top' && file.endsWith('.html') && !idsOf(file).has(id)) {
      return { kind: 'broken', why: 'broken-fragment', shown: `${url.pathname}${url.hash}` };
    }
    return { kind: 'ok', file };
  };
}

/** The URL an output file is served at: "a/index.html" at ".../a/". */
function pageUrl(site: URL, page: string): URL {
  const path = page === 'index.html' ? '' : page.endsWith('/index.html') ? page.slice(0, -'index.html'.length) : page;
  return new URL(encodeURI(path), site);
}
