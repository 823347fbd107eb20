import { formatMonth } from '../lib/zone.ts';
import type { Month, Post, Site, TermIndex } from '../model/types.ts';
import type { PostView, Presenter } from './views.ts';

export interface MonthView {
  name: string; // "March 2024"
  key: string; // "2024/03"
  href: string; // the month's own list page
  posts: PostView[]; // newest first
}

export interface YearView {
  year: number;
  months: MonthView[]; // newest first
}

/** Template data of /archive/: every post, by year and month, newest first. */
export function archiveData(present: Presenter, site: Site, views: ReadonlyMap<Post, PostView>) {
  return {
    kind: 'archive',
    site: present.site,
    title: `Archive — ${present.site.title}`,
    canonical: present.absolute(site.archive.path),
    feeds: present.site.feeds,
    nav: present.nav(site.archive.path),
    description: present.site.description,
    count: site.posts.length,
    years: byYear(site.months.map((m) => monthView(present, m, views))),
  };
}

function monthView(present: Presenter, month: Month, views: ReadonlyMap<Post, PostView>): MonthView & { year: number } {
  const posts = month.posts.map((p) => views.get(p)!);
  return {
    year: month.year,
    name: formatMonth(month.year, month.month),
    key: month.key,
    href: present.href(month.path),
    posts,
  };
}

function byYear(months: (MonthView & { year: number })[]): YearView[] {
  const years: YearView[] = [];
  for (const { year, ...month } of months) {
    if (years[years.length - 1]?.year !== year) years.push({ year, months: [] });
    years[years.length - 1]!.months.push(month);
  }
  return years;
}

/** Template data of 404.html. It is served at any depth, so every link in it is root-relative. */
export function notFoundData(present: Presenter) {
  return {
    kind: '404',
    site: present.site,
    title: `Page not found — ${present.site.title}`,
    canonical: undefined,
    feeds: present.site.feeds,
    nav: present.nav(),
    description: present.site.description,
  };
}

export interface TermView {
  name: string;
  href: string;
  count: number; // posts
}

/** Template data of /category/ and /tag/: every category or tag by slug, with its number of posts. */
export function termIndexData(present: Presenter, index: TermIndex) {
  const heading = index.kind === 'tags' ? 'Tags' : 'Categories';
  return {
    kind: index.kind,
    site: present.site,
    title: `${heading} — ${present.site.title}`,
    heading,
    canonical: present.absolute(index.path),
    feeds: present.site.feeds,
    nav: present.nav(index.path),
    description: present.site.description,
    terms: index.terms.map((t): TermView => ({ name: t.name, href: present.href(t.path), count: t.posts.length })),
  };
}
