import { compareText } from '../lib/order.ts';
import { pad, type Zone } from '../lib/zone.ts';
import { fillPattern, monthValues } from './paths.ts';
import type { Month, Post } from './types.ts';

/** Months that have posts, newest first; posts keep their order (newest first). `pattern`: paths.month. */
export function groupByMonth(posts: readonly Post[], zone: Zone, pattern: string): Month[] {
  const months = new Map<string, Month>();
  for (const post of posts) {
    const { year, month } = zone.wallTime(post.date);
    const key = `${pad(year, 4)}/${pad(month)}`;
    const group = months.get(key) ??
      { year, month, key, path: fillPattern(pattern, monthValues(year, month)), posts: [] };
    group.posts.push(post);
    months.set(key, group);
  }
  return [...months.values()].sort((a, b) => compareText(b.key, a.key));
}
