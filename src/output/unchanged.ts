import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
  // One synchronous walk: for thousands of folders and files, the promise API's cost is most of the time.
  let seen = 0;
  const walk = (folder: string, prefix: string): boolean => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(join(folder, entry.name), `${path}/`)) return false;
        continue;
      }
      const record = previous.files.get(path);
      if (!entry.isFile() || (!record && !(published && path === PUBLISHED_MANIFEST))) return false;
      const info = statSync(join(folder, entry.name), { throwIfNoEntry: false });
      if (!info || (record && info.size !== record.size) || info.mtimeMs >= previous.writtenBefore) return false;
      seen++;
    }
    return true;
  };
  try {
    return walk(outDir, '') && seen === previous.files.size + (published ? 1 : 0);
  } catch {
    return false; // no output folder, or one that cannot be read
  }
}
