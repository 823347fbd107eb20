import { parentPort } from 'node:worker_threads';
import { renderChunk } from './bodies.ts';
import { highlightHere } from './highlight.ts';
import type { Reply, Task } from './types.ts';

/** A pool thread: renders Markdown chunks and highlights fences, one task at a time. */
parentPort!.on('message', async ({ id, task }: { id: number; task: Task }) => {
  let reply: Reply;
  try {
    const result = task.kind === 'chunk' ? renderChunk(task.job) : await highlightHere(task.fences, task.themes);
    reply = { id, ok: true, result };
  } catch (error) {
    reply = { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
