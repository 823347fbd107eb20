import { checkAlias, normalizeAlias } from '../config/aliases.ts';
import { checkPermalinkPattern } from '../config/permalink-pattern.ts';
import { isProblem, parseFrontMatter } from '../deps/matter.ts';
import { dateFromFileName, parseDate } from '../lib/dates.ts';
import { sha256 } from '../lib/digest.ts';
import { codeFrame, ColophonError, keepUserError } from '../lib/errors.ts';
import { abbreviate, byteLength, MAX_NAME_BYTES } from '../lib/limits.ts';
import { slugFromFileName, slugify } from '../lib/slug.ts';
import type { Zone } from '../lib/zone.ts';
import { nameForSlug } from './bundles.ts';
import { describeValue, type NameField, readNames } from './names.ts';
import type { Source, SourceKind } from './types.ts';

/** Reads one file's text into a Source, or the first problem found in it. */
export function readSource(path: string, raw: string, zone: Zone): Source | ColophonError {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.includes('\0')) {
    return new ColophonError('E_BINARY', 'the file contains NUL bytes; it is not a text file', { file: path });
  }
  const parsed = parseFrontMatter(text);
  if (isProblem(parsed)) {
    return new ColophonError('E_FRONTMATTER', parsed.message, {
      file: path,
      line: parsed.line,
      column: parsed.column,
      frame: parsed.line ? codeFrame(text, parsed.line, parsed.column) : undefined,
    });
  }
  const kind: SourceKind = path.startsWith('content/posts/') ? 'post' : 'page';
  const fileName = nameForSlug(path);
  const field = fieldReader(path, text, parsed.data, parsed.bodyLine);
  try {
    const title = field.title();
    const date = field.date('date') ?? (kind === 'post' ? dateFromFileName(fileName, zone) : undefined);
    if (kind === 'post' && date === undefined) {
      throw field.fail(
        'date',
        'the post has no date',
        'add `date: 2014-10-13 16:50` or start the file name with the date, as in 2014-10-13-hello.md',
      );
    }
    return {
      path,
      kind,
      title,
      date,
      updated: field.date('updated'),
      categories: field.categories(),
      tags: field.tags(),
      slug: field.slug() ?? fileNameSlug(path, kind),
      permalink: field.permalink(),
      aliases: field.aliases(),
      layout: field.optionalString('layout'),
      draft: field.draft(),
      description: field.text('description'),
      image: field.text('image'),
      data: parsed.data,
      body: parsed.body,
      bodyDigest: sha256(parsed.body),
      lines: { body: parsed.bodyLine, image: field.lineOf('image') },
    };
  } catch (error) {
    return keepUserError(error);
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
    /** Each name's slug is a folder of the output: /category/<slug>/. */
    const terms = (field: NameField): string[] => {
      const names = readNames(data[field.key], field, (m) => fail(field.key, m));
      const long = names.find((name) => byteLength(slugify(name)) > MAX_NAME_BYTES);
      if (long !== undefined) {
        throw fail(
          field.key,
          `the ${field.noun} "${abbreviate(long)}" gives a URL segment that ${tooLong(slugify(long))}`,
        );
      }
      return names;
    };
    return {
      fail,
      lineOf,
      optionalString,
      /** Optional text that must say something when given: a blank one would print an empty tag. */
      text(key: string): string | undefined {
        const value = optionalString(key);
        if (value !== undefined && value.trim() === '') throw fail(key, `"${key}" must not be empty`);
        return value?.trim();
      },
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
      categories: () => terms({ key: 'categories', noun: 'category' }),
      tags: () => terms({ key: 'tags', noun: 'tag' }),
      slug(): string | undefined {
        const slug = optionalString('slug');
        if (slug !== undefined && (slug === '' || slug === '.' || slug === '..' || /[/\\\0]/.test(slug))) {
          throw fail('slug', `"slug" must be one URL segment, not "${slug}"`);
        }
        if (slug !== undefined && byteLength(slug) > MAX_NAME_BYTES) {
          throw fail('slug', `"slug" ${tooLong(slug)}`, 'give the post a shorter `slug:`');
        }
        return slug;
      },
      permalink(): string | undefined {
        const permalink = optionalString('permalink');
        const problem = permalink === undefined ? undefined : checkPermalinkPattern(permalink);
        if (problem) throw fail('permalink', `"permalink" ${problem}`);
        return permalink;
      },
      /** One path or a list of them; each is checked as config aliases are. */
      aliases(): string[] {
        const value = data.aliases;
        if (value === undefined || value === null) return [];
        const list = Array.isArray(value) ? value : [value];
        for (const [i, alias] of list.entries()) {
          const problem = checkAlias(alias);
          if (problem) throw fail('aliases', `"aliases"${Array.isArray(value) ? `[${i}]` : ''} ${problem}`);
        }
        return [...new Set((list as string[]).map(normalizeAlias))];
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

/** A post's slug from its file name; a page's is unused, its URL is its path. */
function fileNameSlug(path: string, kind: SourceKind): string {
  const slug = slugFromFileName(nameForSlug(path));
  if (kind === 'post' && byteLength(slug) > MAX_NAME_BYTES) {
    throw new ColophonError('E_FRONTMATTER_FIELD', `the slug made from the file name ${tooLong(slug)}`, {
      file: path,
      hint: 'give the post a shorter file name, or a `slug:` in its front matter',
    });
  }
  return slug;
}

function tooLong(name: string): string {
  return `is ${byteLength(name)} bytes long; a file or folder name can have at most ${MAX_NAME_BYTES}`;
}

/** The SHA-256 of a source's body, without reading the body when the reader recorded it. */
export function bodyDigest(source: Source): string {
  return source.bodyDigest ?? sha256(source.body);
}
