import { watch } from 'chokidar';
import { statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
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
 * without a trailing call), so a second save that quick would never be seen. Each file changed is
 * looked at again this long after: if its size or times moved since it was reported, it is reported
 * again.
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

/** Path ▶ what the file was (inode, size, times) when last reported: one save brings several events. */
const reported = new Map<string, string>();
const stateOf = (path: string) => {
  const info = statSync(join(cwd, path), { throwIfNoEntry: false });
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}:${info.ctimeMs}` : '';
};
const looks = new Map<string, ReturnType<typeof setTimeout>>();
/** Reports a file if its state moved since it was last reported. */
const reportMoved = (path: string, state = stateOf(path)) => {
  if (reported.get(path) === state) return;
  reported.set(path, state);
  report({ change: path });
};
/** A file's event: reported if the file moved, and looked at again a little later. */
const fileChanged = (path: string, state?: string) => {
  reportMoved(path, state);
  clearTimeout(looks.get(path));
  looks.set(path, setTimeout(() => (looks.delete(path), reportMoved(path)), SECOND_LOOK_MS));
};
watcher.on('all', (event, path) => {
  if (event === 'change' || event === 'add') return fileChanged(path);
  reported.delete(path);
  report({ change: path });
});
/**
 * chokidar reports a change once it has stat-ed the file, and that stat waits in libuv's thread
 * pool behind those of the folder's listing (above): 5 to 10 ms at 700 files a folder. The raw
 * event of the file's own watcher comes first, so it is taken too; the file's state says whether
 * the change was reported already. Only a watched file has a watcher of its own, and its events
 * name the file itself; a folder's name its entries. A file that went is left to chokidar, which
 * tells a deletion from half of an atomic save. A file's raw events are taken a millisecond after
 * the last of a burst, as a file written anew is first emptied.
 */
const RAW_QUIET_MS = 1;
const raws = new Map<string, ReturnType<typeof setTimeout>>();
watcher.on('raw', (_event, name, details) => {
  const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
  if (watched === undefined || name !== basename(watched)) return;
  const path = relative(cwd, watched); // as chokidar names what it reports
  if (path === '' || path.startsWith('..')) return;
  clearTimeout(raws.get(path));
  raws.set(
    path,
    setTimeout(() => {
      raws.delete(path);
      const state = stateOf(path);
      if (state !== '') fileChanged(path, state);
    }, RAW_QUIET_MS),
  );
});
watcher.on('error', (error) => report({ error: error instanceof Error ? error.message : String(error) }));
watcher.once('ready', () => report({ ready: true }));
parentPort!.once('message', async () => {
  for (const timer of [...looks.values(), ...raws.values()]) clearTimeout(timer);
  await watcher.close();
  report({ closed: true });
});
