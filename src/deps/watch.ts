import { type Dirent, type FSWatcher, readdirSync, realpathSync, statSync, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface FileWatch {
  /** Resolves once every folder under the watched names is watched: a change after it is reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** Editors' swap and backup files, as chokidar's `atomic` mode leaves them out. */
const EDITOR_FILE = /\..*\.(sw[px])$|~$|\.subl.*\.tmp/;

/**
 * Reports every change under `names` (folders or files directly in `cwd`, which need not exist
 * yet) as a path relative to `cwd` in the platform's form. A folder that appears or goes is
 * reported as the folder.
 *
 * One `fs.watch` per folder, not per file: chokidar (which this replaced) watched each of a
 * 10,000-post site's files, taking 1.5 s to start, and on every save in a folder listed and
 * lstat'ed the whole folder again, which cost the dev server tens of milliseconds per save on
 * the main thread. A folder's watcher already names the file that changed, and an atomic save (a
 * temporary file renamed over the old one) names the old file: nothing needs a stat.
 */
export function watchFiles(cwd: string, names: string[], onChange: (path: string) => void): FileWatch {
  const wanted = new Set(names);
  const watchers = new Map<string, { real: string; watcher: FSWatcher }>(); // by absolute folder path
  let closed = false;
  const report = (path: string) => {
    if (!closed && !EDITOR_FILE.test(path)) onChange(relative(cwd, path));
  };
  const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const forget = (dir: string) => {
    for (const [path, { watcher }] of watchers) {
      if (path === dir || path.startsWith(`${dir}${sep}`)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };
  const onEvent = (dir: string, name: string | null) => {
    if (closed) return;
    if (name === null) return report(dir); // the platform did not say which entry: the folder, read again
    if (dir === cwd && !wanted.has(name.split(/[\\/]/)[0]!)) return;
    const path = join(dir, name);
    if (isFolder(path)) {
      if (watchers.has(path)) return; // the folder's own times: its entries report for themselves
      watchTree(path, true);
    } else if (watchers.has(path)) forget(path);
    report(path);
  };
  /** Watches a folder and every folder below it; `announce` reports the files found (a folder that appeared). */
  const watchTree = (dir: string, announce: boolean) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return; // gone already: its removal is reported by its parent
    }
    // A symbolic link back into an ancestor would recurse forever: the build reports the loop.
    if ([...watchers.values()].some((w) => w.real === real)) return;
    let entries: Dirent[];
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, (_event, name) => onEvent(dir, name === null ? null : String(name)));
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    watcher.on('error', () => forget(dir)); // the folder went (its parent reports that)
    watchers.set(dir, { real, watcher });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(path))) watchTree(path, announce);
      else if (announce) report(path);
    }
  };
  // The site folder itself, for the names appearing or going, and each name's tree.
  const root = watch(cwd, (_event, name) => onEvent(cwd, name === null ? null : String(name)));
  root.on('error', () => {}); // the site folder itself went: nothing is left to report
  for (const name of names) if (isFolder(join(cwd, name))) watchTree(join(cwd, name), false);
  return {
    ready: Promise.resolve(),
    close: async () => {
      closed = true;
      root.close();
      for (const { watcher } of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
