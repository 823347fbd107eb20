import { join } from 'node:path';
import { listFiles } from '../lib/files.ts';
import type { CopiedFile } from './types.ts';

/**
 * The files an old engine copied to its output as they were: everything under `root` (relative to
 * the old blog's folder) whose path has no part starting with `_` or `.`, and that `isSource` does
 * not claim (a template, a post, a page, the engine's own files). Each goes to the same path under
 * `under` (public/, public/blog/).
 */
export async function staticFiles(
  dir: string,
  root: string,
  under: string,
  isSource: (path: string) => boolean,
): Promise<CopiedFile[]> {
  const files = await listFiles(join(dir, root), root || '.', true);
  return files
    .filter((path) => !path.split('/').some((part) => part.startsWith('_') || part.startsWith('.')))
    .filter((path) => !isSource(path))
    .map((path) => ({ source: root ? `${root}/${path}` : path, target: `${under}/${path}` }));
}
