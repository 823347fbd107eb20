import { engineModule, startWorker } from './runtime.ts';
import type { WatchReport, WatchSetup } from './watch-worker.ts';

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
 * chokidar runs in a thread of its own (watch-worker.ts). On any event in a folder it lists the
 * folder again and stats every entry, to find what was added or removed: with 700 posts a year,
 * that is several times the work of refreshing the changed post's page. In its own thread, on
 * the other core, it no longer holds up the refresh, and its garbage is collected apart.
 */
export function watchFiles(
  cwd: string,
  names: string[],
  onChange: (path: string) => void,
  onError: (message: string) => void = () => {},
): FileWatch {
  const setup: WatchSetup = { cwd, names };
  const worker = startWorker(engineModule('./watch-worker', import.meta.url), setup);
  let closing: Promise<void> | undefined;
  let exited = false;
  worker.once('exit', () => (exited = true));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: WatchReport) => {
      if (closing) return; // what was on its way when close() was called is not news any more
      if ('change' in message) onChange(message.change);
      else if ('ready' in message) resolve();
      else if ('error' in message) onError(message.error);
    });
    // The thread itself failing (not chokidar reporting an error) ends the watching: say so.
    worker.once('error', (error) => {
      reject(error);
      if (!closing) onError(`the watcher stopped: ${error.message}`);
    });
  });
  ready.catch(() => {}); // also reported through onError
  return {
    ready,
    close: () =>
      closing ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.on('message', (message: WatchReport) => {
          if ('closed' in message) void worker.terminate().then(() => resolve());
        });
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      }),
  };
}
