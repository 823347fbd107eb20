import { relative, sep } from 'node:path';
import { type FileWatch, watchFiles } from '../deps/watch.ts';

/**
 * Watches a site's sources and reports batches of changed site-relative paths. Editors save in
 * bursts (a temp file, a rename, a backup), so events are gathered until the tree is quiet briefly.
 * A burst's events come within a millisecond or two of each other (a rename over the old file is
 * one event, naming the old file), so the quiet spell is short: every millisecond of it is
 * part of each save's latency. A batch split all the same is only one refresh more, as events that
 * come during a refresh make the next batch.
 */
export function watchSite(siteDir: string, onBatch: (paths: string[]) => void, quietMs = 5): FileWatch {
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const paths = [...pending].sort();
    pending = new Set();
    if (paths.length > 0) onBatch(paths);
  };
  const watcher = watchFiles(siteDir, ['content', 'layouts', 'public', 'site.config.ts'], (path) => {
    pending.add(relative(siteDir, `${siteDir}${sep}${path}`).split(sep).join('/'));
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
  });
  return {
    ready: watcher.ready,
    close: async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
