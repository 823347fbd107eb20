import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writing changed files into the existing output folder without ever leaving a mix. The new files
 * are first written into a staging folder beside the output. Then a journal names every file about
 * to be replaced, added or removed; each replaced or removed file is moved aside into a retired
 * folder (kept until the build commits), and each new file is renamed into place. Deleting the
 * journal is the commit. A build killed before that leaves the journal, and the next build (before
 * anything else) rolls back: what was moved aside goes back, what was added goes. Every step is a
 * rename within one file system, so a one-file change costs a few renames, not a copy of the tree.
 */
export interface Journal {
  replaced: string[];
  added: string[];
  removed: string[];
}

/** The folders and files beside `dist` that a write uses. */
export function besideOutput(outDir: string) {
  const at = (suffix: string) => join(dirname(outDir), `.${basename(outDir)}.colophon-${suffix}`);
  return { staging: at('new'), retired: at('old'), journal: at('journal') };
}

/**
 * Moves the staged files in, keeping the ones they replace aside until the journal is gone.
 * `afterMove` runs after each rename (tests stop the commit there, as a kill would).
 */
export async function commitInPlace(outDir: string, journal: Journal, afterMove?: () => void): Promise<void> {
  const { staging, retired, journal: file } = besideOutput(outDir);
  await writeFile(`${file}.tmp`, JSON.stringify(journal));
  await rename(`${file}.tmp`, file);
  const moved = new Set<string>();
  const move = async (from: string, to: string) => {
    const folder = dirname(to);
    if (!moved.has(folder)) await mkdir(folder, { recursive: true });
    moved.add(folder);
    await rename(from, to);
    afterMove?.();
  };
  for (const path of [...journal.replaced, ...journal.removed]) await move(join(outDir, path), join(retired, path));
  await pruneFolders(outDir, journal.removed); // a removed folder/index.html may give way to a file "folder"
  for (const path of [...journal.replaced, ...journal.added]) await move(join(staging, path), join(outDir, path));
  await rm(file); // the commit
  await Promise.all([rm(retired, { recursive: true, force: true }), rm(staging, { recursive: true, force: true })]);
}

/**
 * Puts the output back as the last committed build left it, after a build that was killed: rolls
 * back a journal, or (for a build that wrote a whole new folder) renames the old folder back.
 * Leaves nothing of the unfinished build beside the output. Safe to run again if killed itself.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const { staging, retired, journal: file } = besideOutput(outDir);
  const journal = await readJournal(file);
  if (journal) {
    for (const path of journal.added) {
      if (!existsSync(join(staging, path))) await rm(join(outDir, path), { force: true });
    }
    for (const path of [...journal.replaced, ...journal.removed]) {
      if (!existsSync(join(retired, path))) continue;
      await mkdir(dirname(join(outDir, path)), { recursive: true });
      await rename(join(retired, path), join(outDir, path));
    }
    await pruneFolders(outDir, journal.added);
    await rm(file);
  } else if (!existsSync(outDir) && existsSync(retired)) {
    await rename(retired, outDir); // killed between the two renames of a whole-folder swap
  }
  await rm(`${file}.tmp`, { force: true });
  await Promise.all([rm(retired, { recursive: true, force: true }), rm(staging, { recursive: true, force: true })]);
}

async function readJournal(file: string): Promise<Journal | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Journal;
  } catch {
    return undefined; // none: the last build committed, or never got as far as writing one
  }
}

/** Removes the folders that these paths leave empty, up to (never including) the output folder. */
export async function pruneFolders(outDir: string, paths: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const path of paths) {
    for (let folder = dirname(path); folder !== '.' && folder !== ''; folder = dirname(folder)) folders.add(folder);
  }
  // Deepest first, so that a parent is tried once its children are gone.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
    await rmdir(join(outDir, folder)).catch(() => {}); // not empty: still holds files of this build
  }
}
