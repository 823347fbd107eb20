import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { besideOutput } from './journal.ts';
import { asRecorded, listOutput } from './listing.ts';
import { leftBy, PUBLISHED_MANIFEST } from './manifest.ts';
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
  try {
    const present = await listOutput(outDir, leftBy(previous));
    if (present.size !== previous.files.size + (published ? 1 : 0)) return false;
    for (const [path, seen] of present) {
      const record = previous.files.get(path);
      const size = record?.size ?? (published && path === PUBLISHED_MANIFEST ? seen?.size : undefined);
      if (size === undefined || !asRecorded(join(outDir, path), seen, size, previous.writtenBefore)) return false;
    }
    return true;
  } catch {
    return false; // no output folder, or one that cannot be read
  }
}
