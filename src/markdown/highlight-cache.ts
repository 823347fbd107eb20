import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from '../lib/digest.ts';

/**
 * A persistent, content-addressed store of highlighted blocks. Each entry is one file named by its key,
 * written to a temporary name and renamed into place, so concurrent builds never see half an entry.
 * The first line of an entry is the SHA-256 of the rest: a corrupt or truncated entry is a miss.
 */
export interface HighlightCache {
  get(key: string): Promise<string | undefined>;
  put(key: string, html: string): Promise<void>;
  /** Keeps the store under its limit by removing the entries used least recently. */
  prune(): Promise<void>;
  readonly stats: { hits: number; misses: number; writes: number };
}

export interface CacheOptions {
  dir: string;
  maxEntries?: number;
}

let sequence = 0;

export function createHighlightCache(options: CacheOptions): HighlightCache {
  const root = join(options.dir, 'highlight-v1');
  const maxEntries = options.maxEntries ?? 20_000;
  const stats = { hits: 0, misses: 0, writes: 0 };
  const pathOf = (key: string) => join(root, key.slice(0, 2), `${key}.html`);
  return {
    stats,
    async get(key) {
      const path = pathOf(key);
      const text = await readFile(path, 'utf8').catch(() => undefined);
      const newline = text?.indexOf('\n') ?? -1;
      if (text === undefined || newline !== 64 || sha256(text.slice(65)) !== text.slice(0, 64)) {
        stats.misses++;
        return undefined;
      }
      stats.hits++;
      const now = new Date();
      await utimes(path, now, now).catch(() => {});
      return text.slice(65);
    },
    async put(key, html) {
      const path = pathOf(key);
      const temp = `${path}.${process.pid}.${++sequence}.tmp`;
      try {
        await mkdir(join(root, key.slice(0, 2)), { recursive: true });
        await writeFile(temp, `${sha256(html)}\n${html}`);
        await rename(temp, path);
        stats.writes++;
      } catch {
        // A cache that cannot be written only makes the next build slower.
        await rm(temp, { force: true }).catch(() => {});
      }
    },
    async prune() {
      if (stats.writes === 0) return;
      const shards = await readdir(root).catch(() => [] as string[]);
      const names = await Promise.all(shards.map((shard) => readdir(join(root, shard)).catch(() => [] as string[])));
      const paths = shards.flatMap((shard, i) => names[i]!.map((name) => join(root, shard, name)));
      if (paths.length <= maxEntries) return;
      const entries = await Promise.all(
        paths.map(async (path) => ({ path, mtime: (await stat(path).catch(() => undefined))?.mtimeMs ?? 0 })),
      );
      entries.sort((a, b) => a.mtime - b.mtime || (a.path < b.path ? -1 : 1));
      for (const entry of entries.slice(0, entries.length - maxEntries)) await rm(entry.path, { force: true });
    },
  };
}
