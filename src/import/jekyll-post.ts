import { parseDate } from '../lib/dates.ts';
import { slugify } from '../lib/slug.ts';
import type { WallTime, Zone } from '../lib/zone.ts';
import { JEKYLL_STYLES, jekyllPattern, jekyllUrl } from './jekyll-url.ts';
import { isTruthy, nameList, otherKeys, parsePost } from './post-file.ts';
import type { Conversion } from './types.ts';

/** Jekyll's post file names: a date, a slug, an extension. */
export const POST_NAME = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.([^.]+)$/;
export const MARKDOWN_EXT = /^(md|markdown)$/i;
/** Keys this reader writes itself, or drops: a Jekyll layout names no Colophon template. */
const HANDLED = [
  'title',
  'date',
  'category',
  'categories',
  'tag',
  'tags',
  'published',
  'draft',
  'permalink',
  'slug',
  'layout',
  'redirect_from',
];

/**
 * A post of a Jekyll site with its old URL; its body is converted later (convertLiquid), when the
 * URLs of all posts are known for `{% post_url %}`.
 */
export function convertJekyllPost(
  source: string,
  text: string,
  zone: Zone,
  sitePattern = JEKYLL_STYLES.date!,
): Conversion {
  const fileName = source.slice(source.lastIndexOf('/') + 1);
  const [, y, m, d, rawSlug] = POST_NAME.exec(fileName)!;
  const parsed = parsePost(text);
  if ('problem' in parsed) return { source, reason: `${parsed.problem} (Jekyll copied it as a static file)` };
  const { data } = parsed;
  const changes: string[] = [];
  let wall: WallTime = { year: +y!, month: +m!, day: +d!, hour: 0, minute: 0, second: 0 };
  if (data.date !== undefined && data.date !== null) {
    const date = parseDate(data.date, zone);
    if (!date.ok) return { source, reason: `"date" ${date.reason}` };
    wall = zone.wallTime(date.epochMs);
  }
  const fileSlug = rawSlug!.replace(/\.+$/, '');
  const frontSlug = typeof data.slug === 'string' && data.slug !== '' ? data.slug : undefined;
  let title = typeof data.title === 'string' || typeof data.title === 'number' ? String(data.title) : '';
  if (title.trim() === '') {
    title = fileSlug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join(' ');
    changes.push(`title "${title}" made from the file name, as Jekyll did`);
  }
  const categories = [...new Set([...nameList(data.category), ...nameList(data.categories, /\s+/)])];
  const tags = [...new Set([...nameList(data.tag), ...nameList(data.tags, /\s+/)])];
  const pattern = typeof data.permalink === 'string' && data.permalink.trim() !== ''
    ? jekyllPattern(data.permalink.trim())
    : sitePattern;
  const basename = fileName.replace(/\.[^.]+$/, '');
  const url = jekyllUrl(pattern, { wall, basename, fileSlug, slug: frontSlug, categories });
  if ('unknown' in url) {
    return { source, reason: `its permalink pattern ${pattern} uses ${url.unknown}, which the importer does not know` };
  }
  const unpublished = data.published !== undefined && !isTruthy(data.published);
  if (unpublished) changes.push('published: false became draft: true');
  if (data.draft !== undefined && isTruthy(data.draft)) {
    changes.push(`draft: ${String(data.draft)} dropped (Jekyll published the post)`);
  }
  if (data.layout !== undefined) {
    changes.push(`layout: ${String(data.layout)} dropped (Colophon uses its post template)`);
  }
  const aliases = nameList(data.redirect_from).map((alias) => alias.startsWith('/') ? alias : `/${alias}`);
  if (aliases.length > 0) changes.push('redirect_from became aliases');
  return {
    source,
    data: {
      title,
      date: data.date ?? undefined,
      categories: categories.length > 0 ? categories : undefined,
      tags: tags.length > 0 ? tags : undefined,
      draft: unpublished ? true : undefined,
      aliases: aliases.length > 0 ? aliases : undefined,
      ...otherKeys(data, HANDLED),
    },
    body: parsed.body,
    bodyLine: parsed.bodyLine,
    aliases,
    wall,
    slug: slugify(frontSlug ?? fileSlug) || 'post',
    oldUrl: url.url,
    oldFile: url.file,
    changes,
  };
}
