import { startWorker } from './pool.ts';
import { LINK, writeJobs, type FileRecord, type Job, type Message, type Reply, type WriterSetup } from './write-jobs.ts';

export type { FileRecord } from './write-jobs.ts';

/**
 * The output folder's writer. Making, writing and hashing thousands of files is mostly kernel time:
 * on a thread of its own it runs beside the rendering of the next pages instead of inside it, and
 * the rendering thread pays one message per batch instead of a thread-pool round trip for every
 * open, write and close. Memory in flight is bounded: `add` returns a promise when it is time to wait.
 */
export interface OutputWriter {
  add(path: string, bytes: Uint8Array): Promise<void> | undefined;
  /** A hard link to the previous output's copy of `path`. */
  link(path: string): Promise<void> | undefined;
  /** Writes what is queued and waits for all of it: every written file's record. */
  done(): Promise<Map<string, FileRecord>>;
  /** Stops at once, after a failure elsewhere. */
  abort(): Promise<void>;
}

const BATCH_BYTES = 1 << 20;
const BATCH_FILES = 256;
const IN_FLIGHT_BYTES = 8 << 20;

/** Records what a batch wrote: per path, its size (or LINK) and hash. */
type Settle = (paths: readonly string[], sizes: readonly number[], hashes: readonly string[]) => void;

const sizesOf = (jobs: readonly Job[]) => jobs.map((job) => job.bytes?.byteLength ?? LINK);

interface Sink {
  /** Takes the batch; returns a promise when the caller should wait before queueing more. */
  send(jobs: Job[], bytes: number): Promise<void> | undefined;
  finish(): Promise<void>;
  stop(): Promise<void>;
}

export function createOutputWriter(setup: WriterSetup, threaded: boolean): OutputWriter {
  const records = new Map<string, FileRecord>();
  const settle: Settle = (paths, sizes, hashes) => {
    paths.forEach((path, i) => sizes[i] !== LINK && records.set(path, { sha256: hashes[i]!, size: sizes[i]! }));
  };
  const sink = threaded ? threadSink(setup, settle) : localSink(setup, settle);
  let jobs: Job[] = [];
  let bytes = 0;
  const flush = () => {
    const batch = jobs;
    const size = bytes;
    jobs = [];
    bytes = 0;
    return batch.length > 0 ? sink.send(batch, size) : undefined;
  };
  const queue = (job: Job) => {
    jobs.push(job);
    bytes += job.bytes?.byteLength ?? 0;
    return bytes >= BATCH_BYTES || jobs.length >= BATCH_FILES ? flush() : undefined;
  };
  return {
    add: (path, data) => queue({ path, bytes: data }),
    link: (path) => queue({ path }),
    async done() {
      await flush();
      await sink.finish();
      return records;
    },
    abort: () => sink.stop(),
  };
}

function localSink(setup: WriterSetup, settle: Settle): Sink {
  const made = new Set<string>();
  return {
    send(jobs) {
      settle(jobs.map((job) => job.path), sizesOf(jobs), writeJobs(setup, made, jobs));
      return undefined;
    },
    finish: async () => {},
    stop: async () => {},
  };
}

function threadSink(setup: WriterSetup, settle: Settle): Sink {
  const script = new URL(import.meta.url.endsWith('.ts') ? './writer-worker.ts' : './writer-worker.js', import.meta.url);
  const worker = startWorker(script, setup);
  const sent = new Map<number, Omit<Message, 'buffer'> & { bytes: number }>();
  let inFlight = 0;
  let nextId = 0;
  let failure: Error | undefined;
  // Batch buffers go to the writer and come back to be filled again: the bytes in flight stay in
  // the same few buffers instead of a new allocation per batch for the collector to chase.
  const spare: ArrayBuffer[] = [];
  let waiter: { until: () => boolean; resolve: () => void; reject: (error: Error) => void } | undefined;
  const check = () => {
    if (!waiter) return;
    if (failure) waiter.reject(failure);
    else if (waiter.until()) waiter.resolve();
    else return;
    waiter = undefined;
  };
  const wait = (until: () => boolean): Promise<void> | undefined => {
    if (failure) throw failure;
    if (until()) return undefined;
    return new Promise((resolve, reject) => (waiter = { until, resolve, reject }));
  };
  worker.on('message', (reply: Reply) => {
    const batch = sent.get(reply.id)!;
    sent.delete(reply.id);
    inFlight -= batch.bytes;
    if ('error' in reply) failure ??= new Error(reply.error);
    else {
      settle(batch.paths, batch.sizes, reply.hashes);
      spare.push(reply.buffer);
    }
    check();
  });
  worker.on('error', (error) => {
    failure ??= error;
    check();
  });
  return {
    send(jobs, bytes) {
      if (failure) throw failure;
      const index = spare.findIndex((b) => b.byteLength >= bytes);
      const buffer = index >= 0 ? spare.splice(index, 1)[0]! : new ArrayBuffer(Math.max(bytes, 2 * BATCH_BYTES));
      const view = new Uint8Array(buffer);
      let at = 0;
      for (const job of jobs) {
        if (!job.bytes) continue;
        view.set(job.bytes, at);
        at += job.bytes.byteLength;
      }
      const message: Message = { id: nextId++, paths: jobs.map((job) => job.path), sizes: sizesOf(jobs), buffer };
      sent.set(message.id, { id: message.id, paths: message.paths, sizes: message.sizes, bytes });
      inFlight += bytes;
      worker.postMessage(message, [buffer]);
      return wait(() => inFlight < IN_FLIGHT_BYTES);
    },
    async finish() {
      await wait(() => sent.size === 0);
      await worker.terminate();
    },
    async stop() {
      await worker.terminate();
    },
  };
}
