import { escapeHtml } from '../lib/html.ts';
import { compareText } from '../lib/order.ts';
import { formatIso } from '../lib/zone.ts';
import type { Post, Site } from '../model/types.ts';
import type { Presenter } from './views.ts';

interface Entry {
  loc: string; // absolute URL
  lastmod?: number; // epoch ms
}

/**
 * sitemap.xml: every HTML page of the site, by URL. `lastmod` comes from the posts: a post's
 * `updated` (or date), a list's newest post; a page's own `updated` or `date` if it has one.
 */
export function sitemapXml(site: Site, present: Presenter): string {
  const lines = sitemapEntries(site, present)
    .sort((a, b) => compareText(a.loc, b.loc))
    .map((e) =>
      `<url><loc>${escapeHtml(e.loc)}</loc>${
        e.lastmod === undefined ? '' : `<lastmod>${formatIso(present.zone, e.lastmod)}</lastmod>`
      }</url>`
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...lines,
    '</urlset>',
    '',
  ].join('\n');
}

/** What sitemap.xml is made of (with the site's timezone): its dependency key takes these. */
export function sitemapEntries(site: Site, present: Presenter): Entry[] {
  return [
    ...site.posts.map((p) => ({ loc: present.absolute(p.path), lastmod: p.updated })),
    ...site.pages.map((p) => ({ loc: present.absolute(p.path), lastmod: p.source.updated ?? p.source.date })),
    ...site.lists.map((l) => ({ loc: present.absolute(l.path), lastmod: newest(l.posts) })),
    { loc: present.absolute(site.archive.path), lastmod: newest(site.posts) },
    ...site.indexes.map((i) => ({ loc: present.absolute(i.path), lastmod: newest(i.terms.flatMap((t) => t.posts)) })),
  ];
}

function newest(posts: readonly Post[]): number | undefined {
  return posts.length === 0 ? undefined : posts.reduce((max, p) => Math.max(max, p.updated), -Infinity);
}
