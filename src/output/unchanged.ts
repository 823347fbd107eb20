import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IO_CONCURRENCY, mapLimit } from '../lib/concurrency.ts';
import { listFiles } from '../lib/files.ts';
import { besideOutput } from './journal.ts';
import { PUBLISHED_MANIFEST } from './manifest.ts';
import type { PreviousBuild } from './types.ts';

/**
 * Whether the output folder is exactly as the last build left it, by each file's size and mtime:
 * the files its manifest lists (and the published manifest, when there is one), none missing, none
 * added, none modified since the manifest was written. A build that was killed (its journal or
 * staging folder still beside the output) never is. `colophon verify` is what checks the bytes.
 */
export async function outputAsLeft(outDir: string, previous: PreviousBuild, published: boolean): Promise<boolean> {
  const beside = besideOutput(outDir);
  if (previous.files.size === 0 || existsSync(beside.journal) || existsSync(beside.staging)) return false;
  const paths = await listFiles(outDir, 'output', false).catch(() => undefined);
  const expected = previous.files.size + (published ? 1 : 0);
  if (!paths || paths.length !== expected) return false;
  const checks = await mapLimit(paths, IO_CONCURRENCY, async (path) => {
    const record = previous.files.get(path);
    if (!record && !(published && path === PUBLISHED_MANIFEST)) return false;
    const info = await stat(join(outDir, path)).catch(() => undefined);
    return info !== undefined && (!record || info.size === record.size) && info.mtimeMs < previous.writtenBefore;
  });
  return checks.every(Boolean);
}
