import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { createZone } from '../lib/zone.ts';
import { readBlogofile } from './blogofile.ts';
import { readJekyll } from './jekyll.ts';
import { placePost } from './place.ts';
import { type ImportReport, isSkipped, type OldBlog } from './types.ts';

const ENGINES: Record<string, { label: string; read: (dir: string, config: Config) => Promise<OldBlog> }> = {
  blogofile: { label: 'Blogofile', read: readBlogofile },
  jekyll: { label: 'Jekyll', read: readJekyll },
};

/**
 * Converts the posts of an old blog in `dir` into content/posts of the site in `siteDir`. Each post
 * keeps the URL the old engine gave it; an existing file is never overwritten.
 */
export async function importBlog(engine: string, dir: string, siteDir: string): Promise<ImportReport> {
  const reader = ENGINES[engine.toLowerCase()];
  if (!reader) {
    throw new ColophonError('E_IMPORT_ENGINE', `cannot import from "${engine}"`, {
      hint: `known engines: ${Object.keys(ENGINES).join(', ')}`,
    });
  }
  await requirePostsFolder(dir, reader.label);
  const { config, warnings } = await loadConfig(siteDir);
  const blog = await reader.read(resolve(dir), config);
  const zones = [...new Set([config.timezone, blog.timezone ?? config.timezone])].map(createZone);
  const report: ImportReport = { engine: reader.label, dir, converted: [], skipped: [], notes: [] };
  for (const conversion of [...blog.conversions].sort((a, b) => compareText(a.source, b.source))) {
    if (isSkipped(conversion)) {
      report.skipped.push(conversion);
      continue;
    }
    const placed = placePost(conversion, config, zones);
    if ('reason' in placed) {
      report.skipped.push({ source: conversion.source, reason: placed.reason });
    } else if (await writeNew(join(config.siteDir, placed.target), placed.text, placed.target)) {
      report.converted.push({
        source: conversion.source,
        target: placed.target,
        oldUrl: conversion.oldUrl,
        changes: placed.changes,
      });
    } else {
      report.skipped.push({
        source: conversion.source,
        reason: `${placed.target} already exists (nothing is overwritten)`,
      });
    }
  }
  if (warnings.length > 0) {
    report.notes.push(
      `no site.config.ts in ${siteDir}: URLs were compared with the default permalink pattern ${config.permalink}`,
    );
  }
  if (report.converted.length > 0) report.notes.push(timezoneNote(blog, config.timezone));
  return report;
}

async function requirePostsFolder(dir: string, label: string): Promise<void> {
  const isFolder = await stat(join(dir, '_posts')).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    throw new ColophonError('E_IMPORT_SOURCE', `no _posts folder in ${dir}`, {
      file: dir,
      hint: `give the folder of the ${label} blog, the one that holds _posts/`,
    });
  }
}

/** Writes a file that must not exist yet; false when it does. */
async function writeNew(file: string, text: string, label: string): Promise<boolean> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ColophonError('E_IMPORT_WRITE', `could not write the file: ${(error as Error).message}`, { file: label });
  }
}

/** Dates were kept as written; one without an offset means the site's timezone to Colophon. */
function timezoneNote(blog: OldBlog, siteTimezone: string): string {
  const kept = "dates were kept as written; Colophon reads a date without a UTC offset in the site's timezone, " +
    `now "${siteTimezone}"`;
  if (blog.timezone === siteTimezone) return `${kept}, the timezone the old blog's ${blog.configFile} names.`;
  if (blog.timezone) {
    const setting = `timezone: '${blog.timezone}'`;
    return `${kept}, but the old blog's ${blog.configFile} names "${blog.timezone}": set ${setting} in site.config.ts.`;
  }
  return `${kept}: set \`timezone\` in site.config.ts to the timezone the old blog was written in.`;
}
