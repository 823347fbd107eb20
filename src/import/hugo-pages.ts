import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type HugoSource, readHugoFile } from './hugo-post.ts';
import { hugoAlias } from './hugo-url.ts';
import { composePost, nameList, otherKeys } from './post-file.ts';
import type { CopiedFile, Skipped } from './types.ts';

/** A standalone page, its body still to be converted: `compose` makes the file's text from the converted body. */
export interface HugoPage {
  source: string;
  target: string;
  text: string;
  oldUrl: string;
  changes: string[];
  body: string;
  bodyLine: number;
  compose: (body: string) => string;
}

/**
 * Hugo's content outside the blog's sections (content/about.md, content/about/index.md): pages at
 * the same path under content/, which gives them the same URL, or a `permalink` where `url` or
 * `slug` moved them. A bundle's files go beside the page's URL under public/.
 */
export async function hugoPages(
  dir: string,
  sources: HugoSource[],
): Promise<{ pages: HugoPage[]; files: CopiedFile[]; skipped: Skipped[] }> {
  const pages: HugoPage[] = [];
  const files: CopiedFile[] = [];
  const skipped: Skipped[] = [];
  for (const file of sources) {
    const parsed = readHugoFile(await readFile(join(dir, file.source), 'utf8'));
    if ('problem' in parsed) {
      skipped.push({ source: file.source, reason: parsed.problem });
      continue;
    }
    const { data } = parsed;
    const path = file.source.replace(/^content\//, '').replace(/\.(md|markdown|html)$/i, '');
    const colophonUrl = `/${path.replace(/(^|\/)index$/, '')}/`.replace(/\/{2,}/g, '/');
    if (colophonUrl === '/') {
      skipped.push({ source: file.source, reason: "the home page: Colophon's front index takes its place" });
      continue;
    }
    const slug = typeof data.slug === 'string' && data.slug.trim() !== '' ? data.slug.trim() : undefined;
    const given = typeof data.url === 'string' && data.url.trim() !== '' ? data.url.trim() : undefined;
    const oldUrl = (given ?? (slug ? colophonUrl.replace(/[^/]+\/$/, `${slug}/`) : colophonUrl))
      .replace(/^(?=[^/])/, '/').toLowerCase().replace(/(\/[^/.]+)$/, '$1/');
    const changes: string[] = [];
    const permalink = oldUrl === colophonUrl ? undefined : oldUrl;
    if (permalink) changes.push(`permalink ${permalink} added (Colophon would put the page at ${colophonUrl})`);
    const title = typeof data.title === 'string' && data.title.trim() !== '' ? data.title : file.filename;
    const aliases = nameList(data.aliases).map((alias) => hugoAlias(alias, oldUrl));
    const front = {
      title,
      date: data.date ?? undefined,
      updated: data.lastmod ?? undefined,
      description: data.description ?? data.summary ?? undefined,
      draft: data.draft === true ? true : undefined,
      permalink,
      aliases: aliases.length > 0 ? aliases : undefined,
      ...otherKeys(data, [
        'title',
        'date',
        'lastmod',
        'description',
        'summary',
        'draft',
        'slug',
        'url',
        'aliases',
        'layout',
      ]),
    };
    for (const item of file.bundle) files.push({ source: item.source, target: `public${oldUrl}${item.target}` });
    const target = `${file.source.replace(/\.(markdown|html)$/i, '.md')}`;
    pages.push({
      source: file.source,
      target,
      text: '',
      oldUrl,
      changes,
      body: parsed.body,
      bodyLine: parsed.bodyLine,
      compose: (body) => composePost(front, body),
    });
  }
  return { pages, files, skipped };
}
