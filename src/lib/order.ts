import { Buffer } from 'node:buffer';

/** The orders output is sorted in: never the locale's. */

/** Code-unit order: independent of locale and ICU, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts like `LC_ALL=C sort`: by the UTF-8 bytes of each path. */
export function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
