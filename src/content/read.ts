import { statSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { IO_CONCURRENCY, mapLimit } from '../lib/concurrency.ts';
import { ColophonError } from '../lib/errors.ts';
import { listFiles, readWhole } from '../lib/files.ts';
import { createZone, type Zone } from '../lib/zone.ts';
import { bundledFiles } from './bundles.ts';
import type { ParsedSources } from './parsed.ts';
import { readSource } from './source.ts';
import type { Asset, Content, ContentListing, Source } from './types.ts';

/**
 * Every source under content/ and every file under public/, each read and checked, in path order.
 * `listing`: content/ as inputDigest has just listed and stat-ed it, so that it is not done twice.
 */
export async function loadContent(config: Config, parsed?: ParsedSources, listing?: ContentListing): Promise<Content> {
  const zone = createZone(config.timezone);
  const errors: ColophonError[] = [];
  const sources: Source[] = [];
  const assets: Asset[] = [];
  const bundleFiles: Asset[] = [];
  const contentFiles = listing
    ? [...listing.keys()].filter((path) => !isHiddenPath(path))
    : await listFiles(join(config.siteDir, 'content'), 'content', true);
  const paths = contentFiles.filter((f) => f.toLowerCase().endsWith('.md')).map((rel) => `content/${rel}`);
  // Every file is read before any is parsed: parsing between reads, as each read completes, made
  // reading 10,000 posts a third slower.
  // A file the last build parsed and that has not changed since is taken as it parsed (see ParsedSources).
  const statOf = (path: string) => statSync(join(config.siteDir, path), { throwIfNoEntry: false });
  const infos = parsed ? paths.map((path) => listing ? listing.get(path.slice('content/'.length)) : statOf(path)) : [];
  const taken = paths.map((path, i) => infos[i] && parsed!.take(path, infos[i]));
  const unread = paths.flatMap((_, i) => (taken[i] ? [] : [i]));
  const texts = new Array<string | ColophonError | undefined>(paths.length);
  await mapLimit(
    unread,
    IO_CONCURRENCY,
    async (i) => void (texts[i] = await readSourceText(config.siteDir, paths[i]!)),
  );
  paths.forEach((_, i) => {
    const text = texts[i];
    const result = taken[i] ?? (typeof text === 'string' ? readSource(paths[i]!, text, zone) : text);
    if (result instanceof ColophonError) errors.push(result);
    else if (result) sources.push(result);
    if (parsed && infos[i] && !taken[i] && result && !(result instanceof ColophonError)) {
      parsed.keep(paths[i]!, infos[i], result);
    }
  });
  await parsed?.save(new Set(paths));
  const publicFiles = await listFiles(join(config.siteDir, 'public'), 'public', false);
  await readFilesInto(config.siteDir, publicFiles.map((rel) => `public/${rel}`), 'public/'.length, assets, errors);
  const bundled = bundledFiles(contentFiles.map((rel) => `content/${rel}`));
  await readFilesInto(config.siteDir, bundled, 0, bundleFiles, errors);
  return { sources, assets, bundleFiles, errors };
}

/** Reads files whole (public/ or bundles' files), each as an Asset whose path drops `cut` characters. */
async function readFilesInto(siteDir: string, paths: string[], cut: number, into: Asset[], errors: ColophonError[]) {
  const bytes = await mapLimit(paths, IO_CONCURRENCY, (path) => readPublicFile(siteDir, path));
  bytes.forEach((result, i) => {
    if (result instanceof ColophonError) errors.push(result);
    else if (result) into.push({ path: paths[i]!.slice(cut), bytes: result });
  });
}

/** One source, by its site-relative path: the Source, the first problem in it, or undefined when it is gone. */
export async function readSourceFile(
  siteDir: string,
  path: string,
  zone: Zone,
): Promise<Source | ColophonError | undefined> {
  const text = await readSourceText(siteDir, path);
  return typeof text === 'string' ? readSource(path, text, zone) : text;
}

function readSourceText(siteDir: string, path: string): Promise<string | ColophonError | undefined> {
  return readOrProblem(siteDir, path, () => readWhole(join(siteDir, path), 'utf8'));
}

/** A file copied as it is (under public/, or a bundle's), by its site-relative path, as readSourceFile reads. */
export function readPublicFile(siteDir: string, path: string): Promise<Uint8Array | ColophonError | undefined> {
  return readOrProblem(siteDir, path, () => readWhole(join(siteDir, path)));
}

async function readOrProblem<T>(
  siteDir: string,
  path: string,
  read: () => Promise<T>,
): Promise<T | ColophonError | undefined> {
  try {
    return await read();
  } catch (error) {
    return (await isGone(join(siteDir, path), error)) ? undefined : readError(path, error);
  }
}

/** Deleted, rather than unreadable: a broken symbolic link is ENOENT too, but still there. */
async function isGone(full: string, error: unknown): Promise<boolean> {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' && !(await lstat(full).catch(() => undefined));
}

/**
 * Whether a site-relative path is a source that loadContent would read: a .md file under content/,
 * not hidden and not an editor's backup (what listFiles skips).
 */
export function isSourcePath(path: string): boolean {
  return path.startsWith('content/') && path.toLowerCase().endsWith('.md') && !isHiddenPath(path);
}

/** Whether a path goes through a hidden file or folder, or an editor's backup: what listFiles skips. */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || part.endsWith('~'));
}

function readError(path: string, error: unknown): ColophonError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT'
    ? 'it is a broken symbolic link'
    : code === 'EACCES'
    ? 'permission denied'
    : code === 'EISDIR'
    ? 'it is a folder'
    : (error as Error).message;
  return new ColophonError('E_READ', `the file cannot be read: ${why}`, { file: path });
}
