import { parseDate } from '../lib/dates.ts';
import { slugify } from '../lib/slug.ts';
import type { Zone } from '../lib/zone.ts';
import { parseHugoFront } from './hugo-front.ts';
import { hugoAlias, hugoFile, hugoUrl } from './hugo-url.ts';
import { isTruthy, nameList, otherKeys, type ParsedPost } from './post-file.ts';
import type { Conversion, CopiedFile } from './types.ts';

/** Keys this reader writes itself, or drops (`url` becomes the permalink, `layout` names a Hugo template). */
const HANDLED = [
  'title',
  'date',
  'publishdate',
  'pubdate',
  'lastmod',
  'draft',
  'slug',
  'url',
  'aliases',
  'categories',
  'tags',
  'description',
  'summary',
  'images',
  'layout',
  'type',
];

/** A content file of Hugo's: where it lives and what sits beside it. */
export interface HugoSource {
  /** Relative to the old site: "content/post/hello.md", "content/post/trip/index.md". */
  source: string;
  section: string;
  folders: string;
  filename: string;
  bundle: CopiedFile[];
}

export interface HugoContext {
  zone: Zone;
  pattern?: string;
  ugly: boolean;
}

/** Reads front matter in any of Hugo's formats, with its keys lower-cased as Hugo reads them. */
export function readHugoFile(text: string): ParsedPost {
  const parsed = parseHugoFront(text);
  if ('problem' in parsed) return parsed;
  const data = Object.fromEntries(Object.entries(parsed.data).map(([key, value]) => [key.toLowerCase(), value]));
  return { ...parsed, data };
}

/** One Hugo post with its old URL and aliases; its body's shortcodes are converted later, when every URL is known. */
export function convertHugoPost(file: HugoSource, parsed: ParsedPost, context: HugoContext): Conversion {
  const { source } = file;
  if ('problem' in parsed) return { source, reason: parsed.problem };
  const { data } = parsed;
  const rawDate = data.date ?? data.publishdate ?? data.pubdate;
  if (rawDate === undefined || rawDate === null || rawDate === '') return { source, reason: 'it has no date' };
  const date = parseDate(rawDate, context.zone);
  if (!date.ok) return { source, reason: `"date" ${date.reason}` };
  const wall = context.zone.wallTime(date.epochMs);
  const title = typeof data.title === 'string' || typeof data.title === 'number' ? String(data.title) : file.filename;
  const changes = title === data.title ? [] : [`title "${title}" made from the file name`];
  const slug = typeof data.slug === 'string' && data.slug.trim() !== '' ? data.slug.trim() : undefined;
  const given = typeof data.url === 'string' && data.url.trim() !== '' ? data.url.trim() : undefined;
  const computed = given
    ? { url: given.startsWith('/') ? given : `/${given}` }
    : hugoUrl({ ...file, wall, title, slug }, context.pattern, context.ugly);
  if ('unknown' in computed) {
    return {
      source,
      reason: `its permalink pattern ${context.pattern} uses ${computed.unknown}, which the importer does not know`,
    };
  }
  const oldUrl = /\.[A-Za-z0-9]+$/.test(computed.url) || computed.url.endsWith('/') ? computed.url : `${computed.url}/`;
  const aliases = [...new Set(nameList(data.aliases).map((alias) => hugoAlias(alias, oldUrl)))];
  if (aliases.length > 0) changes.push(`${aliases.length} alias${aliases.length === 1 ? '' : 'es'} kept`);
  const categories = nameList(data.categories);
  const tags = nameList(data.tags);
  const summary = typeof data.summary === 'string' ? data.summary : undefined;
  const description = typeof data.description === 'string' ? data.description : summary;
  if (summary && description === summary && data.description === undefined) changes.push('summary became description');
  const image = nameList(data.images)[0];
  if (data.layout !== undefined) {
    changes.push(`layout: ${String(data.layout)} dropped (Colophon uses its post template)`);
  }
  if (file.bundle.length > 0) {
    changes.push(
      `page bundle: ${file.bundle.length} file${file.bundle.length === 1 ? '' : 's'} copied beside the post's URL`,
    );
  }
  const bundleFolder = `public${oldUrl.replace(/[^/]*$/, '')}`;
  return {
    source,
    data: {
      title,
      date: rawDate,
      updated: data.lastmod ?? undefined,
      categories: categories.length > 0 ? categories : undefined,
      tags: tags.length > 0 ? tags : undefined,
      draft: isTruthy(data.draft) ? true : undefined,
      description,
      image,
      aliases: aliases.length > 0 ? aliases : undefined,
      ...otherKeys(data, HANDLED),
    },
    body: parsed.body,
    bodyLine: parsed.bodyLine,
    wall,
    slug: slugify(slug ?? file.filename) || 'post',
    oldUrl,
    oldFile: hugoFile(oldUrl),
    changes,
    aliases,
    files: file.bundle.map((f) => ({ source: f.source, target: `${bundleFolder}${f.target}` })),
  };
}
