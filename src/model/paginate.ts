import { fillPattern } from './paths.ts';

/** Pagination and neighbours as plain data. Page 1 is the newest. */
export interface Paged<T> {
  number: number; // 1-based
  count: number; // how many pages in all
  items: T[];
}

/** Always at least one page, so an empty blog still has a front index. */
export function paginate<T>(items: readonly T[], perPage: number): Paged<T>[] {
  const count = Math.max(1, Math.ceil(items.length / perPage));
  const pages: Paged<T>[] = [];
  for (let i = 0; i < count; i++) {
    pages.push({ number: i + 1, count, items: items.slice(i * perPage, (i + 1) * perPage) });
  }
  return pages;
}

/** Page 1 is at `firstPage`, page N at the `later` pattern with N for :num ("/page/:num/" -> "/page/2/"). */
export function pagePath(firstPage: string, later: string, number: number): string {
  return number === 1 ? firstPage : fillPattern(later, { num: String(number) });
}

export interface Neighbours<T> {
  newer?: T;
  older?: T;
}

/** For a list ordered newest first. */
export function neighbours<T>(items: readonly T[], index: number): Neighbours<T> {
  return { newer: index > 0 ? items[index - 1] : undefined, older: items[index + 1] };
}
