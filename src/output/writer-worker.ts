import { parentPort, workerData } from 'node:worker_threads';
import { jobsOf, type Message, type Reply, writeJobs, type WriterSetup } from './write-jobs.ts';

/** The output writer's thread (see createOutputWriter): writes each batch as it arrives, in order. */
const setup = workerData as WriterSetup;
const made = new Set<string>();
parentPort!.on('message', (message: Message) => {
  try {
    const reply: Reply = { id: message.id, hashes: writeJobs(setup, made, jobsOf(message)), buffer: message.buffer };
    parentPort!.postMessage(reply, [message.buffer]);
  } catch (error) {
    const reply: Reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
