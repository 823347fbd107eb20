import { compareText } from './errors.ts';
import type { Post } from './site.ts';
import { pad, type Zone } from './zone.ts';

export const ARCHIVE_PATH = '/archive/';

/** The posts of one calendar month in the site's timezone. */
export interface Month {
  year: number;
  month: number; // 1-12
  key: string; // "2024/03"
  path: string; // "/archive/2024/03/"
  posts: Post[]; // newest first
}

/** Months that have posts, newest first; posts keep their order (newest first). */
export function groupByMonth(posts: readonly Post[], zone: Zone): Month[] {
  const months = new Map<string, Month>();
  for (const post of posts) {
    const { year, month } = zone.wallTime(post.date);
    const key = `${pad(year, 4)}/${pad(month)}`;
    const group = months.get(key) ?? { year, month, key, path: `${ARCHIVE_PATH}${key}/`, posts: [] };
    group.posts.push(post);
    months.set(key, group);
  }
  return [...months.values()].sort((a, b) => compareText(b.key, a.key));
}
