import { watch } from 'chokidar';
import { relative, sep } from 'node:path';

export interface FileWatch {
  /** Resolves once every file under the watched names is watched: a change after it is reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

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
  watcher.on('all', (_event, path) => onChange(path));
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    close: () => watcher.close(),
  };
}
