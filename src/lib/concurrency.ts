import { availableParallelism } from 'node:os';
import { inTakingOrder } from './perturb.ts';

/**
 * Runs `work` over items with at most `limit` in flight, returning results in input order. File
 * system calls are cheap to overlap; results never depend on completion order.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const order = inTakingOrder(items.map((_, i) => i)); // reversed in --check-determinism's second build
  let next = 0;
  const worker = async () => {
    while (next < order.length) {
      const index = order[next++]!;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export const IO_CONCURRENCY = 32;

/** Below this many sources (or files), starting threads costs more than it saves. */
const MIN_SOURCES = 200;

/** COLOPHON_WORKERS, else one per core; 1 when the work is too small to share. */
export function workerCount(sources: number): number {
  const fromEnv = Number(process.env.COLOPHON_WORKERS);
  const count = Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
  return sources < MIN_SOURCES && !process.env.COLOPHON_WORKERS ? 1 : count;
}
