import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import type { Templates } from '../deps/eta.ts';
import { asFailure, BuildFailure, ColophonError, keepUserError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { createZone } from '../lib/zone.ts';
import { isHiddenPath, isSourcePath, loadContent, readPublicFile, readSourceFile } from './read.ts';
import { isBundleIndex } from './bundles.ts';
import { openParsedSources } from './parsed.ts';
import { loadTheme } from './theme.ts';
import type { ContentListing, Source } from './types.ts';

/**
 * What a site's files held when last read: kept between the dev server's refreshes, so that a save
 * re-reads only the files that changed. Problems are kept in place of what they stop, and reported
 * together by `goodFiles`.
 */
export interface SiteFiles {
  sources: Map<string, Source>; // by site-relative path
  assets: Map<string, Uint8Array>; // by path under public/
  bundleFiles: Map<string, Uint8Array>; // by site-relative path: "content/posts/trip/photo.jpg"
  /** By site-relative path: the first problem in a source, or why a public/ file cannot be read. */
  problems: Map<string, ColophonError>;
  templates: Templates | ColophonError;
}

/** The files as read when none had a problem. */
export interface GoodFiles {
  sources: ReadonlyMap<string, Source>;
  assets: ReadonlyMap<string, Uint8Array>;
  bundleFiles: ReadonlyMap<string, Uint8Array>;
  templates: Templates;
}

/**
 * Reads everything. Throws BuildFailure only for a problem that stops the whole read (a symlink loop).
 * `cacheDir`: where the parsed sources of the last build are kept (none: every source is read and
 * parsed). `listing`: content/ as inputDigest saw it (see loadContent).
 */
export async function readSiteFiles(config: Config, cacheDir?: string, listing?: ContentListing): Promise<SiteFiles> {
  const parsed = cacheDir === undefined
    ? undefined
    : await openParsedSources(cacheDir, config.siteDir, config.timezone);
  const content = await loadContent(config, parsed, listing).catch(asFailure);
  return {
    sources: new Map(content.sources.map((s) => [s.path, s])),
    assets: new Map(content.assets.map((a) => [a.path, a.bytes])),
    bundleFiles: new Map((content.bundleFiles ?? []).map((a) => [a.path, a.bytes])),
    problems: new Map(content.errors.map((e) => [e.file!, e])),
    templates: await loadTheme(config.siteDir).catch(keepUserError),
  };
}

/**
 * Re-reads the changed site-relative paths in place, as readSiteFiles would read them. Returns
 * false, having read nothing, when a change is simpler to take by reading everything again.
 */
export async function rereadSiteFiles(files: SiteFiles, config: Config, changed: readonly string[]): Promise<boolean> {
  if (hasFolderEvent(files, config, changed)) return false;
  const zone = createZone(config.timezone);
  for (const path of changed) {
    if (isSourcePath(path)) {
      const source = await readSourceFile(config.siteDir, path, zone);
      files.sources.delete(path);
      files.problems.delete(path);
      if (source instanceof ColophonError) files.problems.set(path, source);
      else if (source !== undefined) files.sources.set(path, source);
    } else if (path.startsWith('public/')) {
      const bytes = await readPublicFile(config.siteDir, path);
      const asset = path.slice('public/'.length);
      files.assets.delete(asset);
      files.problems.delete(path);
      if (bytes instanceof ColophonError) files.problems.set(path, bytes);
      else if (bytes !== undefined) files.assets.set(asset, bytes);
    }
  }
  if (changed.some((p) => p.startsWith('layouts/'))) {
    files.templates = await loadTheme(config.siteDir).catch(keepUserError);
  }
  return true;
}

/** The files, if none had a problem; else throws BuildFailure with every problem, by path. */
export function goodFiles(files: SiteFiles): GoodFiles {
  const { sources, assets, bundleFiles, templates } = files;
  const errors = [...files.problems.keys()].sort(compareText).map((path) => files.problems.get(path)!);
  if (templates instanceof ColophonError) errors.push(templates);
  if (errors.length > 0) throw new BuildFailure(errors);
  return { sources, assets, bundleFiles, templates: templates as Templates };
}

/**
 * A folder appearing or going (a rename, a new tree) is simplest to read again whole; so is a
 * bundle's file, or an index.md that makes or unmakes a bundle (not one that is edited). A dev
 * server's save runs this: what it asks of a known source is a lookup, not a pass over the site.
 */
function hasFolderEvent(files: SiteFiles, config: Config, changed: readonly string[]): boolean {
  const known = (path: string) => files.sources.has(path) || files.problems.has(path);
  const madeOrGone = (path: string) => known(path) !== existsSync(join(config.siteDir, path));
  const bundled = (path: string) => !isSourcePath(path) || (isBundleIndex(path) && madeOrGone(path));
  if (changed.some((path) => path.startsWith('content/') && !isHiddenPath(path) && bundled(path))) return true;
  // A file read before is no folder; any other path may be one that came or went.
  const inTrees = changed.filter((path) => (path.startsWith('content/') || path.startsWith('public/')) && !known(path));
  if (inTrees.length === 0) return false;
  const paths = [...files.sources.keys(), ...files.problems.keys()];
  return inTrees.some((path) =>
    paths.some((p) => p.startsWith(`${path}/`)) || (existsSync(join(config.siteDir, path)) && !/\.[^/]+$/.test(path))
  );
}
