import { watch } from 'chokidar';
import { type Stats, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

/** What watchFiles (watch.ts) tells this thread: the folder, and the names in it to watch. */
export interface WatchSetup {
  cwd: string;
  names: string[];
}

/** What this thread tells watchFiles: a changed path (as chokidar gives it), that all is watched, or closed. */
export type WatchReport = { change: string } | { ready: true } | { closed: true } | { error: string };

/**
 * chokidar drops a file's change event that comes within 50 ms of the one before (it throttles
 * without a trailing call), so a second save that quick would never be seen. Each change reported
 * is looked at again this long after: if the file's size or times moved since, it is reported again.
 */
const SECOND_LOOK_MS = 60;

/**
 * chokidar's thread (see watchFiles). chokidar watches `cwd` itself, told to ignore everything but
 * the names. Given the names instead, it counts a missing one twice towards 'ready' and says ready
 * before it has watched the others: a site without layouts/ and public/ then loses the edits of its
 * first second or so.
 */
const { cwd, names } = workerData as WatchSetup;
const report = (message: WatchReport) => parentPort!.postMessage(message);
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
        report({ change: path });
      }
    }, SECOND_LOOK_MS),
  );
};
watcher.on('all', (event, path) => {
  report({ change: path });
  if (event === 'change' || event === 'add') secondLook(path, look(path));
});
watcher.on('error', (error) => report({ error: error instanceof Error ? error.message : String(error) }));
watcher.once('ready', () => report({ ready: true }));
parentPort!.once('message', async () => {
  for (const timer of looks.values()) clearTimeout(timer);
  await watcher.close();
  report({ closed: true });
});
