import { watch } from 'chokidar';
import { type Stats, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface FileWatch {
  /** Resolves once every file under the watched names is watched: a change after it is reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * chokidar drops a file's change event that comes within 50 ms of the one before (it throttles
 * without a trailing call), so a second save that quick would never be seen. Each change reported
 * is looked at again this long after: if the file's size or times moved since, it is reported again.
 */
const SECOND_LOOK_MS = 60;

/**
 * Reports every change under `names` (folders or files directly in `cwd`, which need not exist
 * yet) as the path chokidar gives, relative to `cwd` in the platform's form. Atomic saves (a
 * temporary file renamed over the old one) are one change.
 *
 * chokidar watches `cwd` itself, told to ignore everything but those names. Given the names
 * instead, it counts a missing one twice towards 'ready' and says ready before it has watched the
 * others: a site without layouts/ and public/ then loses the edits of its first second or so.
 */
export function watchFiles(cwd: string, names: string[], onChange: (path: string) => void): FileWatch {
  const wanted = new Set(names);
  const ignored = (path: string) => {
    const rel = relative(cwd, path);
    return rel !== '' && !wanted.has(rel.split(sep)[0]!);
  };
  const watcher = watch('.', { cwd, ignoreInitial: true, atomic: true, ignored });
  const looks = new Map<string, ReturnType<typeof setTimeout>>();
  const look = (path: string) => statSync(join(cwd, path), { throwIfNoEntry: false });
  const secondLook = (path: string, seen: Stats | undefined) => {
    clearTimeout(looks.get(path));
    looks.set(
      path,
      setTimeout(() => {
        looks.delete(path);
        const now = look(path);
        if (now?.size !== seen?.size || now?.mtimeMs !== seen?.mtimeMs || now?.ctimeMs !== seen?.ctimeMs) {
          onChange(path);
        }
      }, SECOND_LOOK_MS),
    );
  };
  watcher.on('all', (event, path) => {
    onChange(path);
    if (event === 'change' || event === 'add') secondLook(path, look(path));
  });
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    close: () => {
      for (const timer of looks.values()) clearTimeout(timer);
      return watcher.close();
    },
  };
}
