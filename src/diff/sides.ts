import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from '../build.ts';
import { sha256 } from '../lib/digest.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { listFiles } from '../lib/files.ts';
import type { Site } from '../model/types.ts';
import { PUBLISHED_MANIFEST, publishedManifest } from '../output/manifest.ts';
import type { FileRecord } from '../output/types.ts';
import type { BuildOptions } from '../pipeline.ts';
import { produce } from '../render/produce.ts';
import { extractRevision, type Repository, resolveRevision } from './git.ts';
import type { Group, Side } from './types.ts';

/**
 * A site built in memory, nothing written: every file is rendered when the comparison asks for it,
 * so a build never holds all of its pages at once. A failed build is E_DIFF_BUILD naming the side,
 * followed by its own errors.
 */
export async function builtSide(label: string, siteDir: string, options: BuildOptions): Promise<Side> {
  const generated = await generate(siteDir, options).catch((error) => {
    if (error instanceof BuildFailure) throw sideFailure(label, error.errors);
    throw error;
  });
  const { files, site, config } = generated;
  const groups = groupsOf(site);
  const errors: ColophonError[] = [];
  // With publishManifest, the output holds colophon-manifest.json: made of every other file's hash.
  const records = config.publishManifest ? new Map<string, FileRecord>() : undefined;
  const paths = new Set(files.keys());
  if (records) paths.add(PUBLISHED_MANIFEST);
  return {
    label,
    paths,
    groupOf: (path) => paths.has(path) ? groups.get(path) ?? 'other' : undefined,
    bytes(path) {
      if (records && path === PUBLISHED_MANIFEST) return Promise.resolve(publishedManifest(records));
      const bytes = produce(files.get(path)!);
      if (bytes instanceof ColophonError) return errors.push(bytes), Promise.resolve(undefined);
      records?.set(path, { sha256: sha256(bytes), size: bytes.byteLength });
      return Promise.resolve(bytes);
    },
    errors: () => errors,
  };
}

export function sideFailure(label: string, errors: readonly ColophonError[]): BuildFailure {
  const count = `${errors.length} error${errors.length === 1 ? '' : 's'}`;
  return new BuildFailure([new ColophonError('E_DIFF_BUILD', `${label} does not build (${count} below)`), ...errors]);
}

/** Each output path of the site model ▶ its group; what is in none (pages, sitemap, 404) is other. */
function groupsOf(site: Site): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const post of site.posts) groups.set(post.output, 'posts');
  for (const list of site.lists) groups.set(list.output, 'lists');
  groups.set(site.archive.output, 'lists');
  for (const index of site.indexes) groups.set(index.output, 'lists'); // /category/ and /tag/
  for (const feed of site.feeds) groups.set(feed.output, 'feeds');
  for (const asset of site.assets) groups.set(asset.path, 'assets');
  return groups;
}

/**
 * A revision of the repository, extracted into a folder of the working site's cache that stays the
 * same from one diff to the next (so the revision's body cache is found again) and built with that
 * cache. Nothing in the working tree is touched.
 */
export async function revisionSide(
  repo: Repository,
  revision: string,
  into: string,
  options: BuildOptions & { cacheDir: string },
): Promise<Side> {
  const commit = await resolveRevision(repo, revision);
  await extractRevision(repo, commit, into);
  const siteDir = join(into, repo.prefix);
  if (!existsSync(siteDir)) {
    throw new ColophonError('E_DIFF_REVISION', `the revision "${revision}" has no folder ${repo.prefix}`, {
      hint: 'the site folder did not exist yet in that revision; compare with a later one',
    });
  }
  return builtSide(`${revision} (${commit.slice(0, 7)})`, siteDir, options);
}

/** Whether a folder holds a site (site.config.ts or content/) rather than a built output folder. */
export function isSiteFolder(dir: string): boolean {
  return existsSync(join(dir, 'site.config.ts')) || existsSync(join(dir, 'content'));
}

export async function isFolder(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** An output folder, read as it is: its files and their bytes, and no model to group them by. */
export async function outputFolderSide(label: string, dir: string): Promise<Side> {
  const paths = new Set(await listFiles(dir, label, false));
  return {
    label,
    paths,
    groupOf: () => undefined,
    bytes: (path) => readFile(join(dir, path)),
  };
}

/** A manifest (dist.manifest.json, colophon-manifest.json): paths and hashes only. */
export async function manifestSide(label: string, file: string): Promise<Side> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new ColophonError('E_DIFF_MANIFEST', `cannot read the manifest ${label}: ${why}`);
  }
  const files = (parsed as { files?: unknown })?.files;
  const ok = Array.isArray(files) &&
    files.every((f) => typeof f?.path === 'string' && /^[0-9a-f]{64}$/.test(String(f?.sha256)));
  if (!ok) throw new ColophonError('E_DIFF_MANIFEST', `${label} is not a Colophon manifest`);
  const hashes = new Map((files as { path: string; sha256: string }[]).map((f) => [f.path, f.sha256]));
  return { label, paths: new Set(hashes.keys()), groupOf: () => undefined, sha256: (path) => hashes.get(path)! };
}
