import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IO_CONCURRENCY, mapLimit } from './concurrency.ts';
import { byUtf8 } from './digest.ts';
import { ColophonError } from './errors.ts';
import { listFiles } from './files.ts';
import type { Output } from './render.ts';

export interface WriteReport {
  written: number;
  unchanged: number;
  removed: number;
}

/**
 * The only stage that touches the output folder. The new site is assembled in a sibling folder and
 * swapped in only when complete, so a failed or killed build never leaves a mix. Files whose bytes
 * did not change are hard-linked from the old output: same inode, same mtime, so rsync and bucket
 * syncs upload only what changed.
 */
export async function writeOutput(outDir: string, output: Output): Promise<WriteReport> {
  const staging = join(dirname(outDir), `.${basename(outDir)}.colophon-new`);
  const retired = join(dirname(outDir), `.${basename(outDir)}.colophon-old`);
  await recover(outDir, retired);
  const paths = [...output.keys()].sort(byUtf8);
  const previous = new Set(await listFiles(outDir, 'output', false));
  const unchanged = await mapLimit(paths, IO_CONCURRENCY, async (path) => previous.has(path) && sameBytes(join(outDir, path), output.get(path)!));
  const changed = paths.filter((_, i) => !unchanged[i]);
  const removed = [...previous].filter((p) => !output.has(p)).length;
  const report = { written: changed.length, unchanged: paths.length - changed.length, removed };
  if (changed.length === 0 && removed === 0 && existsSync(outDir)) return report;

  const fresh = new Set(changed);
  await rm(staging, { recursive: true, force: true });
  try {
    await mkdir(staging, { recursive: true });
    const folders = [...new Set(paths.map((path) => dirname(join(staging, path))))].sort();
    await mapLimit(folders, IO_CONCURRENCY, (folder) => mkdir(folder, { recursive: true }));
    await mapLimit(paths, IO_CONCURRENCY, async (path) => {
      const target = join(staging, path);
      if (fresh.has(path)) await writeFile(target, output.get(path)!);
      else await link(join(outDir, path), target).catch(() => writeFile(target, output.get(path)!));
    });
    if (existsSync(outDir)) await rename(outDir, retired);
    await rename(staging, outDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    await recover(outDir, retired);
    throw new ColophonError('E_WRITE', `could not write the output: ${(error as Error).message}`, {
      file: outDir,
      hint: 'check that the output folder and its parent are writable; the previous output is unchanged',
    });
  }
  await rm(retired, { recursive: true, force: true });
  return report;
}

/** A build killed between the two renames leaves the old output retired: put it back. */
async function recover(outDir: string, retired: string): Promise<void> {
  if (!existsSync(outDir) && existsSync(retired)) await rename(retired, outDir);
  else await rm(retired, { recursive: true, force: true });
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    if ((await stat(file)).size !== bytes.byteLength) return false;
    return Buffer.compare(await readFile(file), bytes) === 0;
  } catch {
    return false;
  }
}
