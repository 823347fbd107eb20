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
 * and "#" always scroll to the top). A redirect page (an alias) is followed to where it leads, as a
 * browser does, and the fragment is looked for there.
 *
 * `redirects`: each redirect page's output file ▶ the site path it leads to.
 */
export function resolver(
  config: Config,
  output: OutputBytes,
  pages: ReadonlyMap<string, PageParts>,
  redirects: ReadonlyMap<string, string> = new Map(),
) {
  const site = new URL(config.url);
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    let set = ids.get(page);
    if (!set) ids.set(page, set = new Set(pages.get(page)?.ids ?? []));
    return set;
  };
  const resolve = (raw: string, page: string, hops = 0): Resolved => {
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
    const next = redirects.get(file);
    if (next !== undefined && hops < MAX_HOPS) {
      const followed = resolve(`${encodeURI(config.basePath + next.slice(1))}${url.hash}`, page, hops + 1);
      if (followed.kind !== 'broken') return followed;
      return { ...followed, shown: `${url.pathname}${url.hash} (a redirect to ${followed.shown})` };
    }
    const id = safeDecode(url.hash.slice(1));
    if (id !== '' && id !== 'top' && file.endsWith('.html') && !idsOf(file).has(id)) {
      return { kind: 'broken', why: 'broken-fragment', shown: `${url.pathname}${url.hash}` };
    }
    return { kind: 'ok', file };
  };
  return (raw: string, page: string): Resolved => resolve(raw, page);
}

/** Redirects followed from one link; a site's aliases never chain this far unless they loop. */
const MAX_HOPS = 5;

/** The URL an output file is served at: "a/index.html" at ".../a/". */
function pageUrl(site: URL, page: string): URL {
  const path = page === 'index.html' ? '' : page.endsWith('/index.html') ? page.slice(0, -'index.html'.length) : page;
  return new URL(encodeURI(path), site);
}
