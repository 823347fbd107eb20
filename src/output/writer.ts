import { engineModule, startWorker } from '../deps/runtime.ts';
import type { Allocator } from '../render/types.ts';
import type { FileRecord } from './types.ts';
import { jobsOf, LINK, type Message, type Reply, writeJobs, type WriterSetup } from './write-jobs.ts';

/**
 * The output folder's writer. Making, writing and hashing thousands of files is mostly kernel time:
 * on a thread of its own it runs beside the rendering of the next pages instead of inside it, and
 * the rendering thread pays one message per batch instead of a thread-pool round trip for every
 * open, write and close.
 *
 * Files are queued into a batch buffer, which goes to the writer whole and comes back to be filled
 * again. A page rendered for writing is written straight into it (`reserve`), so its bytes are
 * never copied on this thread. Memory in flight is bounded: `add` returns a promise when it is time
 * to wait.
 */
export interface OutputWriter {
  /** Room in the batch being filled, for a file about to be added. */
  reserve: Allocator;
  add(path: string, bytes: Uint8Array): Promise<void> | undefined;
  /** A hard link to the previous output's copy of `path`. */
  link(path: string): Promise<void> | undefined;
  /** Writes what is queued and waits for all of it: every written file's record. Throws the first write that failed. */
  done(): Promise<Map<string, FileRecord>>;
  /** Stops at once, after a failure elsewhere. */
  abort(): Promise<void>;
}

const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
const BUFFER_BYTES = 2 * BATCH_BYTES; // a batch is sent once it holds BATCH_BYTES, so most pages fit
const IN_FLIGHT = 8 << 20; // bytes sent and not yet written, counting FILE_WEIGHT for every file
const FILE_WEIGHT = 4096; // so that batches of links are bounded too

/** Records what a batch wrote: per path, its size (or LINK) and hash. */
type Settle = (paths: readonly string[], sizes: readonly number[], hashes: readonly string[]) => void;

/** What a batch writer reports to the output writer. A failure stops the writing; the writer reports it at `done`. */
interface Reports {
  settle: Settle;
  recycle(buffer: ArrayBuffer): void;
  fail(error: Error): void;
  failed(): boolean;
}

/** Where full batches go: the writer thread, or (for small sites) this thread. */
interface BatchWriter {
  /** Writes a batch: each path's `size` bytes in turn from the start of `buffer`. Never throws. */
  send(paths: string[], sizes: number[], buffer: ArrayBuffer, weight: number): void;
  /** A promise when the caller should wait before queueing more. */
  whenReady(): Promise<void> | undefined;
  /** Waits for every batch sent (or for a failure). */
  finish(): Promise<void>;
  stop(): Promise<void>;
}

export function createOutputWriter(setup: WriterSetup, threaded: boolean): OutputWriter {
  const records = new Map<string, FileRecord>();
  const spare: ArrayBuffer[] = [];
  let failure: Error | undefined;
  const reports: Reports = {
    settle(paths, sizes, hashes) {
      paths.forEach((path, i) => sizes[i] !== LINK && records.set(path, { sha256: hashes[i]!, size: sizes[i]! }));
    },
    recycle: (buffer) => void (buffer.byteLength > 0 && spare.push(buffer)),
    fail: (error) => void (failure ??= error),
    failed: () => failure !== undefined,
  };
  const take = (size: number) => {
    const index = spare.findIndex((b) => b.byteLength >= size);
    return index >= 0 ? spare.splice(index, 1)[0]! : new ArrayBuffer(Math.max(size, BUFFER_BYTES));
  };
  const batches = threaded ? threadBatchWriter(setup, reports) : localBatchWriter(setup, reports);

  // After a failure the rest is still queued, but not written: rendering goes on to the end, so
  // that every template error is found whatever happened to the writes meanwhile.
  let buffer: ArrayBuffer | undefined;
  let fill = 0; // bytes of `buffer` holding queued files
  let paths: string[] = [];
  let sizes: number[] = [];
  let sent = false; // a batch left since the caller last heard whether to wait
  const flush = () => {
    if (paths.length === 0) return;
    const batch = buffer ?? new ArrayBuffer(0); // only links
    if (failure) reports.recycle(batch);
    else batches.send(paths, sizes, batch, fill + paths.length * FILE_WEIGHT);
    buffer = undefined;
    fill = 0;
    paths = [];
    sizes = [];
    sent = true;
  };
  const queued = () => {
    if (fill >= BATCH_BYTES || paths.length >= BATCH_FILES) flush();
    if (!sent || failure) return undefined;
    sent = false;
    return batches.whenReady();
  };
  return {
    reserve(size) {
      buffer ??= take(size);
      // Too big for what is left: a buffer of its own, copied in by add like any other bytes.
      if (fill + size > buffer.byteLength) return new Uint8Array(size);
      return new Uint8Array(buffer, fill, size);
    },
    add(path, bytes) {
      const size = bytes.byteLength;
      if (bytes.buffer !== buffer || bytes.byteOffset !== fill) {
        if (buffer && fill + size > buffer.byteLength) flush();
        buffer ??= take(size);
        new Uint8Array(buffer, fill, size).set(bytes);
      }
      fill += size;
      paths.push(path);
      sizes.push(size);
      return queued();
    },
    link(path) {
      paths.push(path);
      sizes.push(LINK);
      return queued();
    },
    async done() {
      flush();
      await batches.finish();
      if (failure) throw failure;
      return records;
    },
    abort: () => batches.stop(),
  };
}

function localBatchWriter(setup: WriterSetup, reports: Reports): BatchWriter {
  const made = new Set<string>();
  return {
    send(paths, sizes, buffer) {
      try {
        reports.settle(paths, sizes, writeJobs(setup, made, jobsOf({ id: 0, paths, sizes, buffer })));
      } catch (error) {
        reports.fail(error instanceof Error ? error : new Error(String(error)));
      }
      reports.recycle(buffer);
    },
    whenReady: () => undefined,
    finish: async () => {},
    stop: async () => {},
  };
}

function threadBatchWriter(setup: WriterSetup, reports: Reports): BatchWriter {
  const script = engineModule('./writer-worker', import.meta.url);
  const worker = startWorker(script, setup);
  const sent = new Map<number, { paths: string[]; sizes: number[]; weight: number }>();
  let inFlight = 0;
  let nextId = 0;
  let stopping = false;
  let waiter: { until: () => boolean; resolve: () => void } | undefined;
  const check = () => {
    if (waiter && (reports.failed() || waiter.until())) {
      waiter.resolve();
      waiter = undefined;
    }
  };
  const wait = (until: () => boolean): Promise<void> | undefined =>
    reports.failed() || until() ? undefined : new Promise((resolve) => (waiter = { until, resolve }));
  const fail = (error: Error) => {
    reports.fail(error);
    check();
  };
  worker.on('message', (reply: Reply) => {
    const batch = sent.get(reply.id)!;
    sent.delete(reply.id);
    inFlight -= batch.weight;
    if ('error' in reply) return fail(new Error(reply.error));
    reports.settle(batch.paths, batch.sizes, reply.hashes);
    reports.recycle(reply.buffer);
    check();
  });
  worker.on('error', fail);
  worker.on('messageerror', fail);
  worker.on('exit', (code) => stopping || fail(new Error(`the output writer's thread stopped (exit code ${code})`)));
  const stop = async () => {
    stopping = true;
    await worker.terminate();
  };
  return {
    send(paths, sizes, buffer, weight) {
      const message: Message = { id: nextId++, paths, sizes, buffer };
      sent.set(message.id, { paths, sizes, weight });
      inFlight += weight;
      worker.postMessage(message, [buffer]); // handed over, not copied
    },
    whenReady: () => wait(() => inFlight < IN_FLIGHT),
    async finish() {
      await wait(() => sent.size === 0);
      await stop();
    },
    stop,
  };
}
