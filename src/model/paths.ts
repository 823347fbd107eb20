import { TOKEN_RE } from '../config/permalink-pattern.ts';
import { pad } from '../lib/zone.ts';
import { normalizeUrlPath } from './permalink.ts';

/** A `paths` pattern with its tokens filled in: "/tag/:slug/page/:num/" → "/tag/docker/page/2/". */
export function fillPattern(pattern: string, values: Readonly<Record<string, string>>): string {
  return normalizeUrlPath(pattern.replace(TOKEN_RE, (token, name: string) => values[name] ?? token));
}

/** The values of a month's tokens: "/archive/:year/:month/" → "/archive/2024/03/". */
export const monthValues = (year: number, month: number) => ({ year: pad(year, 4), month: pad(month) });

/** RFC 5005 archive documents sit beside their feed: "/feed/atom.xml" → "/feed/archive/3/atom.xml". */
export function feedArchivePath(feedPath: string, number: number): string {
  const at = feedPath.lastIndexOf('/') + 1;
  return `${feedPath.slice(0, at)}archive/${number}/${feedPath.slice(at)}`;
}
