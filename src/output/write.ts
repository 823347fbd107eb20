import { existsSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { IO_CONCURRENCY, mapLimit } from '../lib/concurrency.ts';
import { workerCount } from '../lib/concurrency.ts';
import { sha256 } from '../lib/digest.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { listFiles, writeWhole } from '../lib/files.ts';
import { byUtf8 } from '../lib/order.ts';
import { produce } from '../render/produce.ts';
import type { Producers } from '../render/types.ts';
import { manifestPathFor } from './manifest.ts';
import type { FileRecord, Finisher, WriteResult } from './types.ts';
import { createOutputWriter, type OutputWriter } from './writer.ts';

/**
 * The only stage that touches the output folder. Each file is rendered, hashed and written into a
 * staging folder beside the output, which is swapped in only when every file succeeded: a failed or
 * killed build never leaves a mix. A file whose bytes did not change is hard-linked from the old
 * output (same inode, same mtime), so rsync and bucket syncs upload only what changed.
 */
export async function writeOutput(outDir: string, files: Producers, finish?: Finisher): Promise<WriteResult> {
  return writeStaged(outDir, files, finish).catch((error) => {
    if (error instanceof BuildFailure || error instanceof ColophonError) throw error;
    throw writeError(outDir, error);
  });
}

async function writeStaged(outDir: string, files: Producers, finish?: Finisher): Promise<WriteResult> {
  const staging = join(dirname(outDir), `.${basename(outDir)}.colophon-new`);
  const retired = join(dirname(outDir), `.${basename(outDir)}.colophon-old`);
  await recover(outDir, retired);
  const previous = new Set(await listFiles(outDir, 'output', false));
  const paths = [...files.keys()].sort(byUtf8);
  // With an output to compare against, find what changed before touching the disk: a rebuild that
  // changed nothing writes nothing. Without one, every file is new and one pass does it all.
  const plan = previous.size > 0 ? await findChanges(outDir, paths, files, previous) : new Map<string, Planned>();
  const failed = [...plan.values()].flatMap((s) => (s.error ? [s.error] : []));
  if (failed.length > 0) throw new BuildFailure(failed);
  const records = new Map<string, FileRecord>([...plan].map(([p, s]) => [p, s.record]));
  if (plan.size > 0 && [...plan.values()].every((s) => s.same)) {
    const extras = finish?.(records) ?? new Map<string, Uint8Array>();
    const gone = [...previous].some((p) => !files.has(p) && !extras.has(p));
    if (!gone && (await extrasUnchanged(outDir, extras))) {
      for (const [path, bytes] of extras) records.set(path, recordOf(bytes));
      return {
        report: { written: 0, unchanged: records.size, removed: 0 },
        records,
        changes: { written: [], removed: [] },
      };
    }
  }

  const changed: string[] = [];
  const write = async (path: string, bytes: Uint8Array) => {
    changed.push(path);
    await writeWhole(join(staging, path), bytes);
  };

  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true }).catch((error) => {
    throw writeError(outDir, error);
  });
  // Pages are rendered here, one after the other, while another thread makes, writes and hashes
  // the files (for a small site, this thread does it as it goes). Files found unchanged
  // are hard-linked from the old output instead.
  let writer: OutputWriter | undefined;
  try {
    writer = createOutputWriter({ root: staging, previous: outDir }, workerCount(paths.length) > 1);
    const errors: ColophonError[] = [];
    for (const path of paths) {
      const planned = plan.get(path);
      let bytes: Uint8Array | undefined;
      if (!planned?.same) {
        const made = planned?.bytes ?? produce(files.get(path)!, writer.reserve);
        if (made instanceof ColophonError) {
          errors.push(made);
          continue;
        }
        bytes = made;
        changed.push(path);
      }
      const backlog = bytes ? writer.add(path, bytes) : writer.link(path);
      if (backlog) await backlog; // the writer thread has enough in hand
    }
    // Template errors are reported before a write that failed meanwhile: they are the user's to fix.
    if (errors.length > 0) throw new BuildFailure(errors);
    for (const [path, record] of await writer.done()) records.set(path, record);
    for (const [path, bytes] of finish?.(records) ?? []) {
      records.set(path, recordOf(bytes));
      await mkdir(dirname(join(staging, path)), { recursive: true });
      if (previous.has(path) && (await sameBytes(join(outDir, path), bytes))) {
        await link(join(outDir, path), join(staging, path));
      } else await write(path, bytes);
    }
  } catch (error) {
    await writer?.abort();
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    if (error instanceof BuildFailure) throw error;
    throw writeError(outDir, error);
  }

  const removed = [...previous].filter((p) => !records.has(p));
  const report = { written: changed.length, unchanged: records.size - changed.length, removed: removed.length };
  const changes = { written: changed.sort(byUtf8), removed: removed.sort(byUtf8) };
  if (changed.length === 0 && removed.length === 0 && existsSync(outDir)) {
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

function recordOf(bytes: Uint8Array): FileRecord {
  return { sha256: sha256(bytes), size: bytes.byteLength };
}

/** What the comparison with the old output found for one file. */
interface Planned {
  record: FileRecord;
  same: boolean; // the old output already holds these bytes
  bytes?: Uint8Array; // kept for changed files while they fit in memory
  error?: ColophonError;
}

/** Changed files' bytes are kept up to this much; beyond it they are rendered again when written. */
const KEEP_BYTES = 128 * 1024 * 1024;

/** Renders and hashes every file once, comparing each with the old output. */
async function findChanges(
  outDir: string,
  paths: string[],
  files: Producers,
  previous: Set<string>,
): Promise<Map<string, Planned>> {
  const known = await previousRecords(outDir);
  const plan = new Map<string, Planned>();
  let kept = 0;
  await mapLimit(paths, IO_CONCURRENCY, async (path) => {
    const bytes = produce(files.get(path)!);
    if (bytes instanceof ColophonError) {
      return void plan.set(path, { record: { sha256: '', size: 0 }, same: false, error: bytes });
    }
    const record = recordOf(bytes);
    const same = previous.has(path) && (await unchanged(join(outDir, path), record, known.get(path), bytes));
    const keep = !same && kept + bytes.byteLength <= KEEP_BYTES;
    if (keep) kept += bytes.byteLength;
    plan.set(path, { record, same, bytes: keep ? bytes : undefined });
  });
  return plan;
}

async function extrasUnchanged(outDir: string, extras: Map<string, Uint8Array>): Promise<boolean> {
  for (const [path, bytes] of extras) if (!(await sameBytes(join(outDir, path), bytes))) return false;
  return true;
}

function writeError(outDir: string, error: unknown): ColophonError {
  return new ColophonError('E_WRITE', `could not write the output: ${(error as Error).message}`, { file: outDir });
}

/** A build killed between the two renames leaves the old output retired: put it back. */
async function recover(outDir: string, retired: string): Promise<void> {
  if (!existsSync(outDir) && existsSync(retired)) await rename(retired, outDir);
  else await rm(retired, { recursive: true, force: true });
}

interface Known {
  record: FileRecord;
  writtenBefore: number; // the manifest's mtime: files last modified strictly before it are as it records them
}

/** The previous build's manifest, beside the output: what each file held when it was written. */
async function previousRecords(outDir: string): Promise<Map<string, Known>> {
  const path = manifestPathFor(outDir);
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const manifest = JSON.parse(text) as { files?: { path: string; size: number; sha256: string }[] };
    return new Map(
      (manifest.files ?? []).map((
        f,
      ) => [f.path, { record: { sha256: f.sha256, size: f.size }, writtenBefore: info.mtimeMs }]),
    );
  } catch {
    return new Map(); // no manifest, or an unreadable one: compare bytes instead
  }
}

/**
 * Whether the old file already holds these bytes. When the manifest vouches for it (same hash and
 * size, and the file not modified since the manifest was written) a stat is enough; otherwise read it.
 */
async function unchanged(
  file: string,
  record: FileRecord,
  known: Known | undefined,
  bytes: Uint8Array,
): Promise<boolean> {
  if (known && known.record.sha256 === record.sha256 && known.record.size === record.size) {
    const info = await stat(file).catch(() => undefined);
    if (info && info.size === record.size && info.mtimeMs < known.writtenBefore) return true;
  }
  return sameBytes(file, bytes);
}

async function sameBytes(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    if ((await stat(file)).size !== bytes.byteLength) return false;
    return Buffer.compare(await readFile(file), bytes) === 0;
  } catch {
    return false;
  }
}
