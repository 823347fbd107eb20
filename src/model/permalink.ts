import { normalizeUrlPath, type PermalinkToken, TOKEN_RE } from '../config/permalink-pattern.ts';
import { pad, type WallTime } from '../lib/zone.ts';

export interface PermalinkValues {
  wall: WallTime;
  slug: string;
  category: string;
}

/** A post's URL path: its permalink pattern with each token replaced by the post's value. */
export function expandPermalink(pattern: string, values: PermalinkValues): string {
  const { wall } = values;
  const table: Record<PermalinkToken, string> = {
    year: pad(wall.year, 4),
    month: pad(wall.month),
    day: pad(wall.day),
    hour: pad(wall.hour),
    minute: pad(wall.minute),
    second: pad(wall.second),
    slug: values.slug,
    category: values.category,
  };
  return normalizeUrlPath(pattern.replace(TOKEN_RE, (_, name: PermalinkToken) => table[name]));
}

export { normalizeUrlPath } from '../config/permalink-pattern.ts';

/** The output file for a URL path: "/a/b/" -> "a/b/index.html", "/a.html" -> "a.html". */
export function outputPathFor(urlPath: string): string {
  const rel = urlPath.replace(/^\/+/, '');
  return rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
}
