import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { parseDate } from '../lib/dates.ts';
import { listFiles } from '../lib/files.ts';
import { slugify } from '../lib/slug.ts';
import { createZone, isValidTimezone, type Zone } from '../lib/zone.ts';
import { convertBlogofileCode } from './blogofile-code.ts';
import { blogofileDefaultPath, blogofilePermalinkPath, blogofileSlug, folderIndexFile } from './blogofile-url.ts';
import { isTruthy, nameList, otherKeys, parsePost } from './post-file.ts';
import type { Conversion, OldBlog } from './types.ts';

const MARKDOWN = /\.(markdown|md|mkd|mdown)$/i;
/** Keys this reader writes itself, or drops: Blogofile's filter chain and encoding mean nothing here. */
const HANDLED = [
  'title',
  'date',
  'updated',
  'categories',
  'tags',
  'draft',
  'guid',
  'permalink',
  'slug',
  'filter',
  'filters',
  'encoding',
];

/** Reads a Blogofile blog's _posts folder; `blog.timezone` from _config.py, when it names one. */
export async function readBlogofile(dir: string, config: Config): Promise<OldBlog> {
  const timezone = await configuredTimezone(join(dir, '_config.py'));
  const zone = createZone(timezone ?? config.timezone);
  const files = await listFiles(join(dir, '_posts'), '_posts', true);
  const conversions: Conversion[] = [];
  for (const file of files) {
    const source = `_posts/${file}`;
    if (!MARKDOWN.test(file)) {
      conversions.push({ source, reason: 'not a Markdown file (.markdown or .md): convert it by hand' });
      continue;
    }
    conversions.push(convertBlogofilePost(source, await readFile(join(dir, source), 'utf8'), zone, config.basePath));
  }
  return { conversions, timezone, configFile: timezone ? '_config.py' : undefined };
}

async function configuredTimezone(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const name = /^\s*(?:blog|controllers\.blog|plugins\.blog)\.timezone\s*=\s*["']([^"']+)["']/m.exec(text)?.[1];
  return name && isValidTimezone(name) ? name : undefined;
}

function convertBlogofilePost(source: string, text: string, zone: Zone, basePath: string): Conversion {
  const parsed = parsePost(text);
  if ('problem' in parsed) return { source, reason: parsed.problem };
  const { data } = parsed;
  if (data.date === undefined || data.date === null) {
    return { source, reason: 'it has no date (Blogofile dated it at build time)' };
  }
  const date = parseDate(data.date, zone);
  if (!date.ok) return { source, reason: `"date" ${date.reason}` };
  const wall = zone.wallTime(date.epochMs);
  const changes: string[] = [];
  const fileStem = source.slice(source.lastIndexOf('/') + 1).replace(MARKDOWN, '');
  let title = typeof data.title === 'string' || typeof data.title === 'number' ? String(data.title) : '';
  const permalink = typeof data.permalink === 'string' && data.permalink.trim() !== ''
    ? data.permalink.trim()
    : undefined;
  if (title.trim() === '') {
    if (!permalink) {
      return { source, reason: 'it has no title and no permalink (Blogofile made both from the build time)' };
    }
    title = fileStem;
    changes.push('title taken from the file name');
  }
  const slug = typeof data.slug === 'string' && data.slug !== '' ? data.slug : blogofileSlug(title);
  const oldUrl = permalink ? blogofilePermalinkPath(permalink, basePath) : blogofileDefaultPath(wall, slug);
  const code = convertBlogofileCode(parsed.body);
  if (code.blocks > 0) {
    changes.push(`${code.blocks} $$code block${code.blocks === 1 ? '' : 's'} rewritten as fenced code`);
  }
  if (code.dropped.length > 0) changes.push(`code block options dropped: ${code.dropped.join(', ')}`);
  if (code.unclosed > 0) {
    changes.push(`${code.unclosed} $$code line${code.unclosed === 1 ? '' : 's'} without $$/code kept as text`);
  }
  for (const key of ['filter', 'filters'] as const) {
    if (data[key] !== undefined) changes.push(`${key}: ${String(data[key])} dropped`);
  }
  const tags = nameList(data.tags, /,/);
  const categories = nameList(data.categories, /,/);
  return {
    source,
    data: {
      title,
      date: data.date,
      updated: data.updated ?? undefined,
      categories: categories.length > 0 ? categories : undefined,
      tags: tags.length > 0 ? tags : undefined,
      draft: isTruthy(data.draft) ? true : undefined,
      guid: data.guid ?? undefined,
      ...otherKeys(data, HANDLED),
    },
    body: code.body,
    wall,
    slug: slugify(slug) || slugify(fileStem) || 'post',
    oldUrl,
    oldFile: folderIndexFile(oldUrl),
    changes,
  };
}
