import { pad, type WallTime } from '../lib/zone.ts';

/**
 * The URL Jekyll gives a post, and the file it writes for it. Jekyll's own rules: a permalink in the
 * front matter, else the site's `permalink` (a pattern or a built-in style), else the `date` style.
 * Placeholder values are put in unescaped, since we want the file path; a server maps the escaped
 * URL to the same file.
 */
export const JEKYLL_STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

export interface JekyllPostFacts {
  wall: WallTime;
  /** The file name without extension ("2014-10-13-hello"), and its part after the date ("hello"). */
  basename: string;
  fileSlug: string;
  /** Front matter `slug`, which replaces the file's slug in :title and :slug. */
  slug?: string;
  categories: string[];
}

/** Jekyll's slugify: "default" mode lower-cases, "pretty" keeps a few URL-safe marks; both trim hyphens. */
export function jekyllSlugify(text: string, mode: 'default' | 'pretty', cased = false): string {
  const re = mode === 'pretty' ? /[^\p{L}\p{M}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{L}\p{M}\p{Nd}]+/gu;
  const slug = text.replace(re, '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}

function placeholders(post: JekyllPostFacts): Record<string, string> {
  const { wall } = post;
  const dayOfYear =
    Math.round((Date.UTC(wall.year, wall.month - 1, wall.day) - Date.UTC(wall.year, 0, 1)) / 86_400_000) + 1;
  const slug = post.slug ?? post.fileSlug;
  return {
    year: pad(wall.year, 4),
    short_year: pad(wall.year % 100),
    month: pad(wall.month),
    i_month: String(wall.month),
    day: pad(wall.day),
    i_day: String(wall.day),
    y_day: pad(dayOfYear, 3),
    hour: pad(wall.hour),
    minute: pad(wall.minute),
    second: pad(wall.second),
    title: jekyllSlugify(slug, 'pretty', true),
    slug: jekyllSlugify(slug, 'default'),
    name: jekyllSlugify(post.basename, 'default'),
    categories: [...new Set(post.categories.map((c) => c.toLowerCase()))].join('/'),
    output_ext: '.html',
  };
}

/** A built-in style name becomes its pattern; a pattern gets its leading slash. */
export function jekyllPattern(permalink: string): string {
  const pattern = JEKYLL_STYLES[permalink] ?? permalink;
  return pattern.startsWith('/') ? pattern : `/${pattern}`;
}

export type JekyllUrl = { url: string; file: string } | { unknown: string };

export function jekyllUrl(pattern: string, post: JekyllPostFacts): JekyllUrl {
  const values = placeholders(post);
  let unknown: string | undefined;
  const expanded = pattern.replace(/:([a-z_]+)/g, (match, name: string) => {
    if (name in values) return values[name]!;
    // Jekyll reads ":year_" as ":year" followed by "_".
    if (name.endsWith('_') && name.slice(0, -1) in values) return `${values[name.slice(0, -1)]}_`;
    unknown ??= match;
    return match;
  });
  if (unknown) return { unknown };
  const url = `/${expanded.replace(/\.\.\//g, '')}`.replace(/\/{2,}/g, '/');
  return { url, file: jekyllFile(url) };
}

/** Jekyll writes "/a/" to a/index.html and adds ".html" to a path that does not already end with it. */
function jekyllFile(url: string): string {
  const path = url.replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) return `${path}index.html`;
  return path.endsWith('.html') ? path : `${path}.html`;
}
