import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/types.ts';
import { CONFIG_FILE, validateConfig } from '../config/validate.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { createZone } from '../lib/zone.ts';
import { readBlogofile } from './blogofile.ts';
import { readHugo } from './hugo.ts';
import { readJekyll } from './jekyll.ts';
import { placePost } from './place.ts';
import { configText, SETTINGS_FILE } from './site-config.ts';
import { type ImportReport, isSkipped, type OldBlog, type SiteSettings } from './types.ts';
import { copyNew, writeNew } from './write.ts';

interface Engine {
  label: string;
  /** The folder an old blog of this engine always has, to tell a wrong folder early. */
  folder: string;
  read: (dir: string, config: Config) => Promise<OldBlog>;
}

const ENGINES: Record<string, Engine> = {
  blogofile: { label: 'Blogofile', folder: '_posts', read: readBlogofile },
  hugo: { label: 'Hugo', folder: 'content', read: readHugo },
  jekyll: { label: 'Jekyll', folder: '_posts', read: readJekyll },
};

export interface ImportOptions {
  dryRun?: boolean;
}

/**
 * Converts an old blog in `dir` into the site in `siteDir`: posts, pages, static files and the
 * settings that keep its URLs. Every post keeps the URL the old engine gave it; an existing file is
 * never overwritten; with `dryRun` nothing is written and the report says what would be.
 */
export async function importBlog(
  engine: string,
  dir: string,
  siteDir: string,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const reader = ENGINES[engine.toLowerCase()];
  if (!reader) {
    throw new ColophonError('E_IMPORT_ENGINE', `cannot import from "${engine}"`, {
      hint: `known engines: ${Object.keys(ENGINES).join(', ')}`,
    });
  }
  await requireFolder(dir, reader);
  const dryRun = options.dryRun ?? false;
  const existing = existsSync(join(resolve(siteDir), CONFIG_FILE));
  const siteConfig = (await loadConfig(siteDir, {}, { cache: !dryRun })).config;
  const blog = await reader.read(resolve(dir), siteConfig);
  // Without a site.config.ts the one written now is the site's: place posts by it.
  const config = existing ? siteConfig : validateConfig(placementSettings(blog.settings), siteConfig.siteDir);
  const zones = [...new Set([config.timezone, blog.settings.timezone ?? config.timezone])].map(createZone);
  const patterns = [...new Set([config.permalink, blog.settings.permalink ?? config.permalink])];
  const report: ImportReport = {
    engine: reader.label,
    dir,
    dryRun,
    converted: [],
    pages: [],
    skipped: [...blog.skipped],
    copied: 0,
    kept: [],
    urls: blog.urls,
    config: { text: configText(blog.settings, dir), existing },
    notes: [...blog.notes],
  };
  const write = (target: string, text: string) =>
    dryRun ? Promise.resolve(true) : writeNew(config.siteDir, target, text);
  for (const conversion of [...blog.conversions].sort((a, b) => compareText(a.source, b.source))) {
    if (isSkipped(conversion)) {
      report.skipped.push(conversion);
      continue;
    }
    const placed = placePost(conversion, config, zones, patterns);
    if ('reason' in placed) {
      report.skipped.push({ source: conversion.source, reason: placed.reason });
      report.urls.unshift({ url: conversion.oldUrl, what: 'post', how: 'lost', detail: placed.reason });
    } else if (await write(placed.target, placed.text)) {
      const { source, oldUrl, aliases } = conversion;
      const draft = conversion.data.draft === true;
      report.converted.push({ source, target: placed.target, oldUrl, aliases, draft, changes: placed.changes });
      blog.files.push(...(conversion.files ?? []));
    } else {
      report.skipped.push({
        source: conversion.source,
        reason: `${placed.target} already exists (nothing is overwritten)`,
      });
    }
  }
  for (const page of blog.pages) {
    if (await write(page.target, page.text)) {
      report.pages.push({ source: page.source, target: page.target, oldUrl: page.oldUrl, changes: page.changes });
    } else {report.skipped.push({
        source: page.source,
        reason: `${page.target} already exists (nothing is overwritten)`,
      });}
  }
  for (const file of [...blog.files].sort((a, b) => compareText(a.target, b.target))) {
    if (dryRun || await copyNew(resolve(dir), config.siteDir, file)) report.copied++;
    else report.kept.push(file.target);
  }
  const configFile = existing ? SETTINGS_FILE : CONFIG_FILE;
  if (!dryRun && await writeNew(config.siteDir, configFile, report.config.text)) report.config.written = configFile;
  if (report.converted.length > 0) report.notes.push(timezoneNote(blog, config.timezone));
  return report;
}

/** The settings that decide where a post goes; lists, feeds and aliases do not. */
function placementSettings(settings: SiteSettings): Record<string, unknown> {
  const { title, url, timezone, permalink, postsPerPage } = settings;
  return { title, url, timezone, permalink, postsPerPage };
}

async function requireFolder(dir: string, engine: Engine): Promise<void> {
  const isFolder = await stat(join(dir, engine.folder)).then((s) => s.isDirectory(), () => false);
  if (!isFolder) {
    throw new ColophonError('E_IMPORT_SOURCE', `no ${engine.folder} folder in ${dir}`, {
      file: dir,
      hint: `give the folder of the ${engine.label} blog, the one that holds ${engine.folder}/`,
    });
  }
}

/** Dates were kept as written; one without an offset means the site's timezone to Colophon. */
function timezoneNote(blog: OldBlog, siteTimezone: string): string {
  const kept = "dates were kept as written; Colophon reads a date without a UTC offset in the site's timezone, " +
    `now "${siteTimezone}"`;
  const { timezone } = blog.settings;
  if (timezone === siteTimezone) return `${kept}, the timezone the old blog's ${blog.configFile} names.`;
  if (timezone) {
    const setting = `timezone: '${timezone}'`;
    return `${kept}, but the old blog's ${blog.configFile} names "${timezone}": set ${setting} in site.config.ts.`;
  }
  return `${kept}: set \`timezone\` in site.config.ts to the timezone the old blog was written in.`;
}
