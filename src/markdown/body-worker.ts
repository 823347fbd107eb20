import { parentPort } from 'node:worker_threads';
import { ColophonError } from '../lib/errors.ts';
import { perturbIfAsked } from '../lib/perturb.ts';
import { type Plugins, renderChunk } from './bodies.ts';
import { highlightHere } from './highlight.ts';
import type { ChunkJob, Reply, Task } from './types.ts';

perturbIfAsked(); // --check-determinism's second build changes the clock and Math.random on every thread

/** A pool thread: renders Markdown chunks and highlights fences, one task at a time. */
parentPort!.on('message', async ({ id, task }: { id: number; task: Task }) => {
  let reply: Reply;
  try {
    const result = task.kind === 'chunk'
      ? renderChunk(task.job, await pluginsFor(task.job))
      : await highlightHere(task.fences, task.themes);
    reply = { id, ok: true, result };
  } catch (error) {
    const user = error instanceof ColophonError
      ? { code: error.code, message: error.message, file: error.file, line: error.line, hint: error.hint }
      : undefined;
    reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error), user };
  }
  parentPort!.postMessage(reply);
});

let loaded: { key: string; plugins: Promise<Plugins> } | undefined;

/**
 * The site's plugins, from site.config.ts loaded on this thread (once per pool). Only a site with
 * plugins pays for loading the configuration here. A configuration that is not the one the build
 * loaded (edited in between) is an error rather than bodies rendered by two configurations.
 */
function pluginsFor(job: ChunkJob): Promise<Plugins> {
  if (!job.plugins) return Promise.resolve([]);
  const { siteDir, fingerprint, cache } = job.plugins;
  const key = `${siteDir}\0${fingerprint}`;
  if (loaded?.key !== key) {
    const plugins = import('../config/load.ts').then(async ({ loadConfig }) => {
      const { config } = await loadConfig(siteDir, {}, { cache });
      if (config.fingerprint !== fingerprint) {
        throw new ColophonError(
          'E_PLUGIN',
          'a worker thread loaded other markdown plugins or options from site.config.ts than the build did',
          {
            file: 'site.config.ts',
            hint: "the file or a module it imports changed during the build (then build again), or the plugins' " +
              'options differ each time it is loaded (Date.now(), Math.random()): make them the same on every load',
          },
        );
      }
      return config.markdown.plugins;
    });
    loaded = { key, plugins };
  }
  return loaded.plugins;
}
