import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IO_CONCURRENCY, mapLimit } from './concurrency.ts';
import { byUtf8, sha256 } from './digest.ts';
import { BuildFailure, ColophonError } from './errors.ts';
import { listFiles } from './files.ts';
import type { Files } from './render.ts';

export interface WriteReport {
  written: number;
  unchanged: number;
  removed: number;
}

export interface FileRecord {
  sha256: string;
  size: number;
}

export interface WriteResult {
  report: WriteReport;
  records: Map<string, FileRecord>; // every file written, by path
  changes: { written: string[]; removed: string[] }; // paths, in UTF-8 byte order (for --verbose)
}

/** Files that can only be made once every other file is known (the published manifest). */
export type Finisher = (records: ReadonlyMap<string, FileRecord>) => Map<string, Uint8Array>;

/**
 * The only stage that touches the output folder. Each file is rendered, hashed and written into a
 * staging folder beside the output, which is swapped in only when every file succeeded: a failed or
 * killed build never leaves a mix. A file whose bytes did not change is hard-linked from the old
 * output (same inode, same mtime), so rsync and bucket syncs upload only what changed.
 */
export async function writeOutput(outDir: string, files: Files, finish?: Finisher): Promise<WriteResult> {
  return writeStaged(outDir, files, finish).catch((error) => {
    if (error instanceof BuildFailure || error instanceof ColophonError) throw error;
    throw writeError(outDir, error);
  });
}

async function writeStaged(outDir: string, files: Files, finish?: Finisher): Promise<WriteResult> {
  const staging = join(dirname(outDir), `.${basename(outDir)}.colophon-new`);
  const retired = join(dirname(outDir), `.${basename(outDir)}.colophon-old`);
  await recover(outDir, retired);
  const previous = new Set(await listFiles(outDir, 'output', false));
  const records = new Map<string, FileRecord>();
  const errors: ColophonError[] = [];
  const changed: string[] = [];
  let written = 0;

  const place = async (path: string, bytes: Uint8Array) => {
    records.set(path, { sha256: sha256(bytes), size: bytes.byteLength });
    const target = join(staging, path);
    if (previous.has(path) && (await sameBytes(join(outDir, path), bytes))) {
      await link(join(outDir, path), target).catch(() => writeFile(target, bytes));
    } else {
      written++;
      changed.push(path);
      await writeFile(target, bytes);
    }
  };

  await rm(staging, { recursive: true, force: true });
  try {
    const paths = [...files.keys()].sort(byUtf8);
    await mkdir(staging, { recursive: true });
    const folders = [...new Set(paths.map((path) => dirname(join(staging, path))))].sort();
    await mapLimit(folders, IO_CONCURRENCY, (folder) => mkdir(folder, { recursive: true }));
    await mapLimit(paths, IO_CONCURRENCY, async (path) => {
      let bytes: Uint8Array;
      try {
        bytes = files.get(path)!();
      } catch (error) {
        if (!(error instanceof ColophonError)) throw error;
        return void errors.push(error);
      }
      await place(path, bytes);
    });
    if (errors.length > 0) throw new BuildFailure(errors);
    for (const [path, bytes] of finish?.(records) ?? []) await place(path, bytes);
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    if (error instanceof BuildFailure) throw error;
    throw writeError(outDir, error);
  }

  const gone = [...previous].filter((p) => !records.has(p));
  const removed = gone.length;
  const report = { written, unchanged: records.size - written, removed };
  const changes = { written: changed.sort(byUtf8), removed: gone.sort(byUtf8) };
  if (written === 0 && removed === 0 && existsSync(outDir)) {
    await rm(staging, { recursive: true, force: true });
    return { report, records, changes };
  }
  try {
    if (existsSync(outDir)) await rename(outDir, retired);
    await rename(staging, outDir);
  } catch (error) {
    await recover(outDir, retired);
    throw writeError(outDir, error);
  }
  await rm(retired, { recursive: true, force: true });
  return { report, records, changes };
}

function writeError(outDir: string, error: unknown): ColophonError {
  return new ColophonError('E_WRITE', `could not write the output: ${(error as Error).message}`, {
    file: outDir,
    hint: 'check that the output folder and its parent are writable; the previous output is unchanged',
  });
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
