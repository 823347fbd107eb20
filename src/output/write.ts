import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { IO_CONCURRENCY, mapLimit, workerCount } from '../lib/concurrency.ts';
import { sha256 } from '../lib/digest.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { writeWhole } from '../lib/files.ts';
import { byUtf8 } from '../lib/order.ts';
import { produce } from '../render/produce.ts';
import type { Producers } from '../render/types.ts';
import { besideOutput, commitInPlace, recoverOutput } from './journal.ts';
import { asRecorded, listOutput, type Seen } from './listing.ts';
import { leftBy, nothingKnown, readPreviousBuild } from './manifest.ts';
import type { FileRecord, Finisher, PreviousBuild, WriteResult } from './types.ts';
import { namedInOutput } from './write-jobs.ts';
import { createOutputWriter, type OutputWriter } from './writer.ts';

/** What a write knows beforehand: each output's dependency key, and whether to trust the last build's. */
export interface WritePlan {
  /** Output path ▶ dependency key; a file whose key and bytes on disk are the last build's is not made again. */
  keys?: ReadonlyMap<string, string>;
  /** `--full`: every file is made and compared byte for byte with the old output. */
  full?: boolean;
  /** The manifest beside the output, when the caller has read it already (a journal's rollback never changes it). */
  previous?: PreviousBuild;
}

/**
 * The only stage that touches the output folder. The first build writes every file into a staging
 * folder beside the output and swaps it in whole. Later builds write into the existing output, in
 * place and safely (see journal.ts): only the files whose bytes changed are written, and an output
 * whose dependencies did not change is not even made. Either way a failed or killed build never
 * leaves a mix, and an unchanged file keeps its inode and mtime, so rsync and bucket syncs upload
 * only what changed.
 */
export async function writeOutput(
  outDir: string,
  files: Producers,
  finish?: Finisher,
  plan: WritePlan = {},
): Promise<WriteResult> {
  const write = async () => {
    await recoverOutput(outDir);
    const known = plan.full ? nothingKnown() : plan.previous ?? await readPreviousBuild(outDir);
    const previous = await listOutput(outDir, leftBy(known));
    if (previous.size === 0) return writeStaged(outDir, files, finish);
    return writeInPlace(outDir, files, finish, { previous, known, keys: plan.full ? undefined : plan.keys });
  };
  return write().catch((error) => {
    if (error instanceof BuildFailure || error instanceof ColophonError) throw error;
    throw writeError(outDir, error);
  });
}

/** A first build: every file into the staging folder (on a writer thread for a large site), swapped in whole. */
async function writeStaged(outDir: string, files: Producers, finish?: Finisher): Promise<WriteResult> {
  const { staging, retired } = besideOutput(outDir);
  const paths = [...files.keys()].sort(byUtf8);
  const records = new Map<string, FileRecord>();
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true }).catch((error) => {
    throw writeError(outDir, error);
  });
  // Pages are rendered here, one after the other, while another thread makes, writes and hashes
  // the files (for a small site, this thread does it as it goes).
  let writer: OutputWriter | undefined;
  try {
    writer = createOutputWriter({ root: staging, previous: outDir }, workerCount(paths.length) > 1);
    const errors: ColophonError[] = [];
    for (const path of paths) {
      const made = produce(files.get(path)!, writer.reserve);
      if (made instanceof ColophonError) {
        errors.push(made);
        continue;
      }
      const backlog = writer.add(path, made);
      if (backlog) await backlog; // the writer thread has enough in hand
    }
    // Template errors are reported before a write that failed meanwhile: they are the user's to fix.
    if (errors.length > 0) throw new BuildFailure(errors);
    for (const [path, record] of await writer.done()) records.set(path, record);
    for (const [path, bytes] of finish?.(records) ?? []) {
      records.set(path, recordOf(bytes));
      await writeWhole(join(staging, path), bytes);
    }
  } catch (error) {
    await writer?.abort();
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    if (error instanceof BuildFailure) throw error;
    throw writeError(outDir, error);
  }
  const written = [...records.keys()].sort(byUtf8);
  try {
    if (existsSync(outDir)) await rename(outDir, retired); // an empty folder
    await rename(staging, outDir);
  } catch (error) {
    await recoverOutput(outDir);
    throw writeError(outDir, error);
  }
  await rm(retired, { recursive: true, force: true });
  const report = { written: written.length, unchanged: 0, removed: 0 };
  return { report, made: paths.length, records, changes: { written, removed: [] } };
}

interface InPlace {
  previous: Map<string, Seen>; // the files in the output now
  known: PreviousBuild;
  keys?: ReadonlyMap<string, string>;
}

/**
 * A rebuild: each file whose key is the one the last build recorded, and which is on disk as that
 * build left it, is kept without being made; every other file is made, and staged when its bytes
 * differ from the old output's. Then the staged files are committed in place.
 */
async function writeInPlace(outDir: string, files: Producers, finish: Finisher | undefined, known: InPlace) {
  const { staging } = besideOutput(outDir);
  const { previous, keys } = known;
  const paths = [...files.keys()].sort(byUtf8);
  const records = new Map<string, FileRecord>();
  const changed: string[] = [];
  const errors = new Map<string, ColophonError>();
  let made = 0;
  await rm(staging, { recursive: true, force: true });
  const folders = new Map<string, Promise<unknown>>();
  // A failed write stops the others from starting, but the ones under way finish before the staging
  // folder is removed: otherwise a late write would make it again after the cleanup.
  let failed: Error | undefined;
  const stage = async (path: string, bytes: Uint8Array) => {
    changed.push(path);
    const folder = dirname(join(staging, path));
    try {
      if (!folders.has(folder)) folders.set(folder, mkdir(folder, { recursive: true }));
      await folders.get(folder);
      await writeWhole(join(staging, path), bytes);
    } catch (error) {
      failed ??= namedInOutput(path, error);
    }
  };
  try {
    await mapLimit(paths, IO_CONCURRENCY, async (path) => {
      if (failed) return;
      const before = known.known.files.get(path);
      const file = join(outDir, path);
      const key = keys?.get(path);
      const { writtenBefore } = known.known;
      const vouched = before && previous.has(path) && asRecorded(file, previous.get(path), before.size, writtenBefore);
      if (key !== undefined && vouched && known.known.keys.get(path) === key) return void records.set(path, before!);
      made++;
      const bytes = produce(files.get(path)!);
      if (bytes instanceof ColophonError) return void errors.set(path, bytes);
      const record = recordOf(bytes);
      records.set(path, record);
      if (vouched && before!.sha256 === record.sha256) return;
      if (previous.has(path) && (await sameBytes(file, bytes))) return;
      if (errors.size === 0) await stage(path, bytes);
    });
    if (failed) throw failed;
    // Template errors are reported in path order, whatever order the files were made in.
    if (errors.size > 0) throw new BuildFailure([...errors.keys()].sort(byUtf8).map((p) => errors.get(p)!));
    for (const [path, bytes] of finish?.(records) ?? []) {
      records.set(path, recordOf(bytes));
      if (!(previous.has(path) && (await sameBytes(join(outDir, path), bytes)))) await stage(path, bytes);
      if (failed) throw failed;
    }
    const removed = [...previous.keys()].filter((p) => !records.has(p)).sort(byUtf8);
    changed.sort(byUtf8);
    if (changed.length > 0 || removed.length > 0) {
      const replaced = changed.filter((p) => previous.has(p));
      await commitInPlace(outDir, { replaced, added: changed.filter((p) => !previous.has(p)), removed });
    }
    const report = { written: changed.length, unchanged: records.size - changed.length, removed: removed.length };
    return { report, made, records, changes: { written: changed, removed } };
  } catch (error) {
    await recoverOutput(outDir).catch(() => {});
    if (error instanceof BuildFailure) throw error;
    throw writeError(outDir, error);
  }
}

function recordOf(bytes: Uint8Array): FileRecord {
  return { sha256: sha256(bytes), size: bytes.byteLength };
}

function writeError(outDir: string, error: unknown): ColophonError {
  return new ColophonError('E_WRITE', `could not write the output: ${(error as Error).message}`, { file: outDir });
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    if ((await stat(file)).size !== bytes.byteLength) return false;
    return Buffer.compare(await readFile(file), bytes) === 0;
  } catch {
    return false;
  }
}
