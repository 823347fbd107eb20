import { pad, type WallTime } from '../lib/zone.ts';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Hugo's `urlize` as it makes paths: lower case, spaces to hyphens, marks other than `-_.~+` dropped. */
export function hugoUrlize(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '-').replace(/[^\p{L}\p{M}\p{N}\-_.~+]/gu, '');
}

export interface HugoPageFacts {
  wall: WallTime;
  section: string;
  /** Folders between the section and the file ("2020/" or ""), and the file's (or bundle's) name. */
  folders: string;
  filename: string;
  title: string;
  slug?: string;
}

/**
 * A page's URL as Hugo made it: its `[permalinks]` pattern for the section if there is one, else
 * /<section>/<folders><slug or file name>/; with uglyURLs, a file ending in .html instead of a folder.
 */
export function hugoUrl(
  page: HugoPageFacts,
  pattern: string | undefined,
  ugly: boolean,
): { url: string } | { unknown: string } {
  const { wall } = page;
  const name = page.slug ?? page.filename;
  const values: Record<string, string> = {
    year: pad(wall.year, 4),
    month: pad(wall.month),
    monthname: MONTHS[wall.month - 1]!,
    day: pad(wall.day),
    section: page.section,
    sections: `${page.section}/${page.folders}`.replace(/\/$/, ''),
    title: hugoUrlize(page.title),
    slug: page.slug ?? hugoUrlize(page.title),
    filename: page.filename,
    contentbasename: page.filename,
    slugorfilename: name,
    slugorcontentbasename: name,
  };
  let unknown: string | undefined;
  const path = (pattern ?? `/:section/${page.folders}:slugorfilename/`).replace(
    /:([a-z]+)/g,
    (match, token: string) => {
      if (token in values) return values[token]!;
      unknown ??= match;
      return match;
    },
  );
  if (unknown) return { unknown };
  const clean = `/${path}`.replace(/\/{2,}/g, '/').toLowerCase();
  if (!ugly) return { url: clean.endsWith('/') ? clean : `${clean}/` };
  return { url: clean.endsWith('/') ? `${clean.slice(0, -1)}.html` : `${clean}.html` };
}

/** The file Hugo wrote for a URL: "/a/b/" is a/b/index.html. */
export function hugoFile(url: string): string {
  const path = url.replace(/^\/+/, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

/** An alias as a site path: absolute as it is, relative against the page's folder; a folder unless it names a file. */
export function hugoAlias(alias: string, pageUrl: string): string {
  const folder = pageUrl.endsWith('/') ? pageUrl.replace(/[^/]+\/$/, '') : pageUrl.replace(/[^/]*$/, '');
  let path = alias.startsWith('/') ? alias : new URL(alias, `http://x${folder}`).pathname;
  path = decodeURI(path);
  return /\.[A-Za-z0-9]+$/.test(path) || path.endsWith('/') ? path : `${path}/`;
}
