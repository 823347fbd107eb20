import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkJob, ChunkResult } from './bodies.ts';
import { isDeno } from './deps/runtime.ts';
import type { Themes } from './deps/shiki.ts';
import type { Fence, Highlighters } from './highlight.ts';

/** Worker threads for Markdown and highlighting. Results are put back in input order, so the output
 * is the same for any number of workers. */
export interface WorkerPool extends Highlighters {
  renderChunk(job: ChunkJob): Promise<ChunkResult>;
  close(): Promise<void>;
}

export type Task = { kind: 'chunk'; job: ChunkJob } | { kind: 'highlight'; fences: Fence[]; themes: Themes };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** Below this many sources, starting threads costs more than it saves. */
const MIN_SOURCES = 200;

/** COLOPHON_WORKERS, else one per core; undefined when the work is too small to share. */
export function workerCount(sources: number): number {
  const fromEnv = Number(process.env.COLOPHON_WORKERS);
  const count = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
  return sources < MIN_SOURCES && !process.env.COLOPHON_WORKERS ? 1 : count;
}

const fromSource = import.meta.url.endsWith('.ts');
const script = new URL(fromSource ? './body-worker.ts' : './body-worker.js', import.meta.url);

/** A thread running `module`. Run from TypeScript source on Node (the test suite, under tsx), it registers tsx first. */
export function startWorker(module: URL, workerData?: unknown): Worker {
  if (!fromSource || isDeno) return new Worker(module, { workerData });
  const shim = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(shim, { eval: true, workerData });
}

export function createPool(size: number): WorkerPool {
  const workers = Array.from({ length: size }, () => ({ worker: startWorker(script), busy: 0 }));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (const { worker } of workers) {
    worker.on('message', (reply: Reply) => {
      const waiter = pending.get(reply.id)!;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else waiter.reject(new Error(`worker: ${reply.error}`));
    });
    worker.on('error', (error) => {
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  }
  const run = <T>(task: Task): Promise<T> => {
    const slot = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ id, task });
    }).finally(() => slot.busy--);
  };
  return {
    size,
    renderChunk: (job) => run<ChunkResult>({ kind: 'chunk', job }),
    highlight: (fences, themes) => run<string[]>({ kind: 'highlight', fences, themes }),
    close: async () => {
      await Promise.all(workers.map(({ worker }) => worker.terminate()));
    },
  };
}
