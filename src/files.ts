import { readdir, stat, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { ColophonError, compareText } from './errors.ts';

/**
 * Every file under `root`, as POSIX paths relative to it, in code-unit order: directory listing
 * order differs between file systems and must never leak into output. Symlinked folders are
 * followed once; a loop is an error.
 */
export async function listFiles(root: string, label: string, skipHidden: boolean): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  async function walk(dir: string, prefix: string): Promise<void> {
    const real = await realpath(dir);
    if (seen.has(real)) {
      throw new ColophonError('E_SYMLINK_LOOP', 'a symbolic link leads back into a folder already read', {
        file: `${label}/${prefix}`.replace(/\/$/, ''),
        hint: 'remove the link that points to one of its own parent folders',
      });
    }
    seen.add(real);
    const entries = (await readdir(dir)).sort(compareText);
    for (const name of entries) {
      if (skipHidden && (name.startsWith('.') || name.endsWith('~'))) continue;
      const full = join(dir, name);
      const info = await stat(full).catch(() => undefined);
      if (info?.isDirectory()) await walk(full, `${prefix}${name}/`);
      else if (info?.isFile()) out.push(`${prefix}${name}`);
    }
    seen.delete(real);
  }
  try {
    if (!(await stat(root)).isDirectory()) return out;
  } catch {
    return out;
  }
  await walk(root, '');
  return out;
}
