import { engineModule, startWorker } from '../deps/runtime.ts';
import type { ErrorCode } from '../lib/error-codes.ts';
import { ColophonError } from '../lib/errors.ts';
import type { ChunkResult, Reply, Task, WorkerPool } from './types.ts';

const script = engineModule('./body-worker', import.meta.url);

/** Starts `size` threads for Markdown and highlighting (see WorkerPool). */
export function createPool(size: number): WorkerPool {
  const workers = Array.from({ length: size }, () => ({ worker: startWorker(script), busy: 0 }));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  for (const { worker } of workers) {
    worker.on('message', (reply: Reply) => {
      const waiter = pending.get(reply.id)!;
      pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.result);
      else if (reply.user) {
        const { code, message, ...details } = reply.user;
        waiter.reject(new ColophonError(code as ErrorCode, message, details));
      } else waiter.reject(new Error(`worker: ${reply.error}`));
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
