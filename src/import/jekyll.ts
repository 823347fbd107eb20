import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { parseYaml } from '../deps/yaml.ts';
import { parseDate } from '../lib/dates.ts';
import { listFiles } from '../lib/files.ts';
import { slugify } from '../lib/slug.ts';
import { createZone, isValidTimezone, type WallTime, type Zone } from '../lib/zone.ts';
import { JEKYLL_STYLES, jekyllPattern, jekyllUrl } from './jekyll-url.ts';
import { convertHighlights, findLiquid } from './liquid.ts';
import { isTruthy, nameList, otherKeys, parsePost } from './post-file.ts';
import type { Conversion, OldBlog } from './types.ts';

/** Jekyll's post file names: a date, a slug, an extension. */
const POST_NAME = /^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)\.([^.]+)$/;
const MARKDOWN_EXT = /^(md|markdown)$/i;
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
];

interface JekyllSettings {
  pattern: string;
  timezone?: string;
}

/** Reads a Jekyll site's _posts folder, with `permalink` and `timezone` from _config.yml. */
export async function readJekyll(dir: string, config: Config): Promise<OldBlog> {
  const settings = await readSettings(join(dir, '_config.yml'));
  const zone = createZone(settings.timezone ?? config.timezone);
  const files = await listFiles(join(dir, '_posts'), '_posts', true);
  const conversions: Conversion[] = [];
  for (const file of files) {
    const source = `_posts/${file}`;
    const name = POST_NAME.exec(file.slice(file.lastIndexOf('/') + 1));
    if (!name) {
      conversions.push({
        source,
        reason: 'its name does not start with a date, as in 2014-10-13-title.md (Jekyll did not publish it)',
      });
    } else if (!MARKDOWN_EXT.test(name[5]!)) {
      conversions.push({ source, reason: `not a Markdown file (.${name[5]}): convert it by hand` });
    } else {conversions.push(
        convertJekyllPost(source, await readFile(join(dir, source), 'utf8'), zone, settings.pattern),
      );}
  }
  return { conversions, timezone: settings.timezone, configFile: settings.timezone ? '_config.yml' : undefined };
}

async function readSettings(file: string): Promise<JekyllSettings> {
  const text = await readFile(file, 'utf8').catch(() => '');
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch {
    data = undefined; // an unreadable _config.yml: Jekyll's defaults
  }
  const settings = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const timezone = typeof settings.timezone === 'string' && isValidTimezone(settings.timezone)
    ? settings.timezone
    : undefined;
  const pattern = typeof settings.permalink === 'string' ? settings.permalink : 'date';
  return { pattern: jekyllPattern(pattern), timezone };
}

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
  const code = convertHighlights(parsed.body);
  if (code.blocks > 0) {
    changes.push(`${code.blocks} {% highlight %} block${code.blocks === 1 ? '' : 's'} rewritten as fenced code`);
  }
  if (code.dropped.length > 0) changes.push(`highlight options dropped: ${[...new Set(code.dropped)].join(', ')}`);
  const liquid = findLiquid(code.body);
  if (liquid.length > 0) changes.push(`Liquid kept as text, check by hand: ${liquid.join(' ')}`);
  return {
    source,
    data: {
      title,
      date: data.date ?? undefined,
      categories: categories.length > 0 ? categories : undefined,
      tags: tags.length > 0 ? tags : undefined,
      draft: unpublished ? true : undefined,
      ...otherKeys(data, HANDLED),
    },
    body: code.body,
    wall,
    slug: slugify(frontSlug ?? fileSlug) || 'post',
    oldUrl: url.url,
    oldFile: url.file,
    changes,
  };
}
