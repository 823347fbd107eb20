import type { Config } from '../config/types.ts';
import type { Source } from '../content/types.ts';
import { ColophonError } from '../lib/errors.ts';
import type { NavItem, Page } from './types.ts';

/**
 * The header's links. Without `nav` in the configuration: every standalone page in path order, then
 * the archive. A page named in `nav` that is a draft left out of this build is left out of the
 * header too; a path that names no page at all is an error.
 */
export function navItems(
  config: Config,
  sources: readonly Source[],
  pages: readonly Page[],
): NavItem[] | ColophonError {
  if (config.nav === undefined) {
    const archive: NavItem = { kind: 'path', title: 'Archive', path: config.paths.archive };
    return [...pages.map((page): NavItem => ({ kind: 'page', page })), archive];
  }
  const byPath = new Map(pages.map((page) => [page.source.path, page]));
  const items: NavItem[] = [];
  for (const [i, entry] of config.nav.entries()) {
    if (typeof entry !== 'string') {
      items.push(linkItem(entry.title, entry.href));
      continue;
    }
    const page = byPath.get(entry);
    if (page) items.push({ kind: 'page', page });
    else if (!sources.some((s) => s.path === entry && s.kind === 'page')) return missingPage(i, entry, pages);
  }
  return items;
}

/** A URL with a scheme, or starting with //, goes elsewhere; anything else is a path of this site. */
function linkItem(title: string, href: string): NavItem {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href) || href.startsWith('#')) return { kind: 'url', title, url: href };
  return { kind: 'path', title, path: href.startsWith('/') ? href : `/${href}` };
}

function missingPage(i: number, path: string, pages: readonly Page[]): ColophonError {
  const known = pages.map((p) => `"${p.source.path.slice('content/'.length)}"`);
  return new ColophonError('E_NAV', `nav[${i}] names ${path}, which is not a standalone page`, {
    file: 'site.config.ts',
    hint: known.length > 0
      ? `name a page by its path under content/: ${known.join(', ')}; or give { title, href }`
      : 'the site has no standalone pages (Markdown files under content/ outside posts/); give { title, href }',
  });
}
