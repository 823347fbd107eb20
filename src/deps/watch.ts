import { watch } from 'chokidar';

export interface FileWatch {
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Reports every change under `paths` (relative to `cwd`) as the path chokidar gives, relative to
 * `cwd` in the platform's form. Atomic saves (a temporary file renamed over the old one) are one change.
 */
export function watchFiles(cwd: string, paths: string[], onChange: (path: string) => void): FileWatch {
  const watcher = watch(paths, { cwd, ignoreInitial: true, atomic: true });
  watcher.on('all', (_event, path) => onChange(path));
  return {
    ready: new Promise((resolve) => watcher.once('ready', () => resolve())),
    close: () => watcher.close(),
  };
}
