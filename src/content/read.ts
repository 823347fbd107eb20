import { join } from 'node:path';
import type { Config } from '../config/load.ts';
import { dateFromFileName, parseDate } from '../lib/dates.ts';
import { isProblem, parseFrontMatter } from '../deps/matter.ts';
import { ColophonError, codeFrame } from '../lib/errors.ts';
import { listFiles, readWhole } from '../lib/files.ts';
import { IO_CONCURRENCY, mapLimit } from '../lib/concurrency.ts';
import { checkPermalinkPattern } from '../config/permalink-pattern.ts';
import { describeValue, readNames } from './names.ts';
import { slugFromFileName } from '../lib/slug.ts';
import { createZone, type Zone } from '../lib/zone.ts';

export type SourceKind = 'post' | 'page';

/** One Markdown file, its front matter read and validated. */
export interface Source {
  path: string; // POSIX, relative to the site: "content/posts/2014/hello.md"
  kind: SourceKind;
  title: string;
  date?: number; // epoch ms; always set for posts
  updated?: number;
  categories: string[]; // as written, duplicates removed
  tags: string[]; // the same rules as categories
  slug: string;
  permalink?: string;
  layout?: string;
  draft: boolean;
  data: Record<string, unknown>; // the whole front matter, for templates
  body: string;
}

/** A file from public/, copied verbatim. */
export interface Asset {
  path: string; // relative to public/ and to the output root
  bytes: Uint8Array;
}

export interface Content {
  sources: Source[];
  assets: Asset[];
  errors: ColophonError[];
}

export async function loadContent(config: Config): Promise<Content> {
  const zone = createZone(config.timezone);
  const errors: ColophonError[] = [];
  const sources: Source[] = [];
  const contentFiles = await listFiles(join(config.siteDir, 'content'), 'content', true);
  const paths = contentFiles.filter((f) => f.toLowerCase().endsWith('.md')).map((rel) => `content/${rel}`);
  const texts = await mapLimit(paths, IO_CONCURRENCY, (path) => readWhole(join(config.siteDir, path), 'utf8').catch((e) => readError(path, e)));
  paths.forEach((path, i) => {
    const text = texts[i]!;
    const result = text instanceof ColophonError ? text : readSource(path, text, zone);
    if (result instanceof ColophonError) errors.push(result);
    else sources.push(result);
  });
  const publicFiles = await listFiles(join(config.siteDir, 'public'), 'public', false);
  const read = await mapLimit(publicFiles, IO_CONCURRENCY, (rel) => readWhole(join(config.siteDir, 'public', rel)).catch((e) => readError(`public/${rel}`, e)));
  const assets: Asset[] = [];
  read.forEach((bytes, i) => (bytes instanceof ColophonError ? errors.push(bytes) : assets.push({ path: publicFiles[i]!, bytes })));
  return { sources, assets, errors };
}

/**
 * Whether a site-relative path is a source that loadContent would read: a .md file under content/,
 * not hidden and not an editor's backup (what listFiles skips).
 */
export function isSourcePath(path: string): boolean {
  return path.startsWith('content/') && path.toLowerCase().endsWith('.md') && !path.split('/').some((part) => part.startsWith('.') || part.endsWith('~'));
}

export function readError(path: string, error: unknown): ColophonError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'it is a broken symbolic link' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
  return new ColophonError('E_READ', `the file cannot be read: ${why}`, {
    file: path,
    hint: 'fix the file or its permissions, or remove it',
  });
}

/** Reads one file's text into a Source, or the first problem found in it. */
export function readSource(path: string, raw: string, zone: Zone): Source | ColophonError {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.includes('\0')) {
    return new ColophonError('E_BINARY', 'the file contains NUL bytes; it is not a text file', {
      file: path,
      hint: 'save it as UTF-8 text, or move it to public/ if it is meant to be copied as is',
    });
  }
  const parsed = parseFrontMatter(text);
  if (isProblem(parsed)) {
    return new ColophonError('E_FRONTMATTER', parsed.message, {
      file: path,
      line: parsed.line,
      column: parsed.column,
      frame: parsed.line ? codeFrame(text, parsed.line, parsed.column) : undefined,
      hint: 'front matter is YAML between a "---" line at the top and a closing "---" line',
    });
  }
  const kind: SourceKind = path.startsWith('content/posts/') ? 'post' : 'page';
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  const field = fieldReader(path, text, parsed.data, parsed.bodyLine);
  try {
    const title = field.title();
    const date = field.date('date') ?? (kind === 'post' ? dateFromFileName(fileName, zone) : undefined);
    if (kind === 'post' && date === undefined) {
      throw field.fail('date', 'the post has no date', 'add `date: 2014-10-13 16:50` or start the file name with the date, as in 2014-10-13-hello.md');
    }
    return {
      path,
      kind,
      title,
      date,
      updated: field.date('updated'),
      categories: field.categories(),
      tags: readNames(parsed.data.tags, { key: 'tags', noun: 'tag' }, (m) => field.fail('tags', m)),
      slug: field.slug() ?? slugFromFileName(fileName),
      permalink: field.permalink(),
      layout: field.optionalString('layout'),
      draft: field.draft(),
      data: parsed.data,
      body: parsed.body,
    };
  } catch (error) {
    if (error instanceof ColophonError) return error;
    throw error;
  }

  function fieldReader(file: string, source: string, data: Record<string, unknown>, bodyLine: number) {
    const lineOf = (key: string): number | undefined => {
      const index = source.split('\n').slice(0, bodyLine - 1).findIndex((l) => l.startsWith(`${key}:`));
      return index < 0 ? undefined : index + 1;
    };
    const fail = (key: string, message: string, hint?: string) => {
      const line = lineOf(key);
      return new ColophonError('E_FRONTMATTER_FIELD', message, {
        file,
        line,
        frame: line ? codeFrame(source, line, 1) : undefined,
        hint,
      });
    };
    const optionalString = (key: string): string | undefined => {
      const value = data[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'number') return String(value);
      if (typeof value !== 'string') throw fail(key, `"${key}" must be text, not ${describeValue(value)}`);
      return value;
    };
    return {
      fail,
      optionalString,
      title(): string {
        const title = optionalString('title');
        if (title === undefined || title.trim() === '') {
          throw fail('title', 'the title is missing', 'add `title: "My post"` to the front matter');
        }
        return title;
      },
      date(key: string): number | undefined {
        if (data[key] === undefined || data[key] === null) return undefined;
        const result = parseDate(data[key], zone);
        if (!result.ok) throw fail(key, `"${key}" ${result.reason}`);
        return result.epochMs;
      },
      categories(): string[] {
        return readNames(data.categories, { key: 'categories', noun: 'category' }, (m) => fail('categories', m));
      },
      slug(): string | undefined {
        const slug = optionalString('slug');
        if (slug !== undefined && (slug === '' || slug === '.' || slug === '..' || /[/\\\0]/.test(slug))) {
          throw fail('slug', `"slug" must be one URL segment, not "${slug}"`);
        }
        return slug;
      },
      permalink(): string | undefined {
        const permalink = optionalString('permalink');
        const problem = permalink === undefined ? undefined : checkPermalinkPattern(permalink);
        if (problem) throw fail('permalink', `"permalink" ${problem}`);
        return permalink;
      },
      draft(): boolean {
        const value = data.draft;
        if (value === undefined || value === null || value === false || value === 'false') return false;
        if (value === true || value === 'true') return true;
        throw fail('draft', '"draft" must be true or false');
      },
    };
  }
}
