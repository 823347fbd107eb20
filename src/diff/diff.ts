import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { isDeno } from '../deps/runtime.ts';
import { cacheDirFor } from '../lib/cache-dir.ts';
import { sha256 } from '../lib/digest.ts';
import type { BuildOptions } from '../pipeline.ts';
import { compareSides } from './compare.ts';
import { findRepository, type Repository } from './git.ts';
import { builtSide, isFolder, isSiteFolder, manifestSide, outputFolderSide, revisionSide } from './sides.ts';
import type { DiffReport, Side } from './types.ts';

export interface DiffOptions extends BuildOptions {
  /** The arguments are manifest files rather than revisions or folders. */
  manifest?: boolean;
}

/**
 * `colophon diff [A] [B]`: what changes in the output from A to B. Each of A and B is a folder (a
 * site, built in memory, or an output folder, read as it is), else a git revision of the repository
 * that holds the site in `siteDir`; with `manifest`, a manifest file. Without B, B is the site in
 * siteDir as it is now (the working tree); without either, A is HEAD. At most two arguments, and
 * with `manifest` at least one (the command line checks both).
 */
export async function diffSites(siteDir: string, args: string[], options: DiffOptions = {}): Promise<DiffReport> {
  const { manifest, ...build } = options;
  const open = opener(siteDir, build, manifest ?? false);
  const [first, second] = args.length === 0 ? ['HEAD'] : args;
  const older = await open(first!, 'old');
  const newer = second === undefined ? await builtSide('the working tree', siteDir, build) : await open(second, 'new');
  return compareSides(older, newer);
}

/** Turns an argument into a side; the repository is looked for once, and only if a revision is named. */
function opener(siteDir: string, options: BuildOptions, manifests: boolean) {
  let repository: Promise<Repository> | undefined;
  const cacheDir = resolve(options.cacheDir ?? cacheDirFor(resolve(siteDir)));
  return async (arg: string, slot: 'old' | 'new'): Promise<Side> => {
    if (manifests) return manifestSide(arg, resolve(arg));
    if (await isFolder(arg)) {
      return isSiteFolder(arg) ? builtSide(arg, arg, options) : outputFolderSide(arg, resolve(arg));
    }
    repository ??= findRepository(siteDir, arg);
    // The same folder for each slot on every run: the revision's body cache is keyed by its folder.
    // Its first build starts from the working site's body cache: most bodies are the same.
    const seedBodiesFrom = resolve(siteDir);
    return revisionSide(await repository, arg, revisionFolder(cacheDir, slot), {
      ...options,
      cacheDir,
      seedBodiesFrom,
    });
  };
}

/**
 * Where a revision is written: the cache folder's diff/<slot>/, the same on every run. Deno refuses
 * to strip the types of a .ts file below node_modules, where the cache folder usually is; there it
 * is a folder of the system's temporary folder instead, named for the cache folder, as stable.
 */
function revisionFolder(cacheDir: string, slot: string): string {
  const folder = join(cacheDir, 'diff', slot);
  if (!isDeno || !folder.split(sep).includes('node_modules')) return folder;
  return join(tmpdir(), `colophon-diff-${sha256(cacheDir).slice(0, 16)}`, slot);
}
