import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { type FileWatch, watchFiles } from '../deps/watch.ts';

/** Posts, pages, templates and the configuration: what an editor's temporary file is not named. */
const HELD = /\.(?:md|eta)$|^site\.config\.ts$/i;

/**
 * Watches a site's sources and reports batches of changed site-relative paths. Editors save in
 * bursts (a temp file, a rename, a backup), so events are gathered until the tree is quiet briefly.
 * A burst's events come within a millisecond or two of each other (a rename over the old file is
 * one event, naming the old file), so the quiet spell is short: every millisecond of it is
 * part of each save's latency. A batch split all the same is only one refresh more, as events that
 * come during a refresh make the next batch. While a changed source, template or configuration is
 * missing, the batch waits longer (`holdMs`): an editor that moves the old file aside before it
 * writes the new one would otherwise have the post vanish for one refresh. (A temporary file renamed
 * over the old one goes missing too, but it is not named like a source.)
 */
export function watchSite(
  siteDir: string,
  onBatch: (paths: string[]) => void,
  onError?: (message: string) => void,
  quietMs = 5,
  holdMs = 100,
): FileWatch {
  let pending = new Set<string>();
  const missing = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const paths = [...pending].sort();
    pending = new Set();
    missing.clear();
    if (paths.length > 0) onBatch(paths);
  };
  const watcher = watchFiles(siteDir, ['content', 'layouts', 'public', 'site.config.ts'], (path) => {
    const changed = relative(siteDir, `${siteDir}${sep}${path}`).split(sep).join('/');
    pending.add(changed);
    if (!HELD.test(changed) || existsSync(join(siteDir, path))) missing.delete(changed);
    else missing.add(changed);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, missing.size > 0 ? holdMs : quietMs);
  }, onError);
  return {
    ready: watcher.ready,
    close: async () => {
      if (timer) clearTimeout(timer);
      await watcher.close();
    },
  };
}
