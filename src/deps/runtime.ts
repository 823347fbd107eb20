import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Node and Deno differ only here (how a thread starts) and in load-module.ts (how TypeScript is imported). */
export const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined';

/**
 * Whether the engine runs from its TypeScript sources (the test suite under tsx, or Deno) rather
 * than from the compiled lib/. The one place that asks: every sibling module named at run time
 * (a worker's script, a module hashed for a cache key) is found through `engineModule`.
 */
const fromSource = import.meta.url.endsWith('.ts');

/** `name` (no extension) relative to `base`, as the engine runs: the .ts source or the compiled .js. */
export function engineModule(name: string, base: string | URL): URL {
  return new URL(`${name}${fromSource ? '.ts' : '.js'}`, base);
}

/**
 * A thread running `module`. Run from TypeScript source on Node (the test suite, under tsx), the
 * thread registers tsx's loader first; Deno and the compiled engine start the module directly.
 */
export function startWorker(module: URL, workerData?: unknown): Worker {
  if (!fromSource || isDeno) return new Worker(module, { workerData });
  const shim = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${
    JSON.stringify(module.href)
  }); });`;
  return new Worker(shim, { eval: true, workerData });
}

/**
 * How to run Colophon's command line again in a child process, on the same runtime and from the
 * same code (the TypeScript sources, under tsx on Node, or the compiled lib/): the command and the
 * arguments that come before Colophon's own. cli.ts runs itself when it is the entry module.
 */
export function selfCommand(): { command: string; args: string[] } {
  const cli = fileURLToPath(engineModule('../cli', import.meta.url));
  if (isDeno) return { command: process.execPath, args: ['run', '-A', cli] };
  const loader = fromSource ? ['--import', import.meta.resolve('tsx')] : [];
  return { command: process.execPath, args: [...loader, cli] };
}

/** Whether the module at `url` is the one the runtime was started with. */
export function isEntryModule(url: string): boolean {
  // Where import.meta.main exists (Deno, Node 24), the module asks it itself.
  if ((import.meta as { main?: boolean }).main !== undefined) return false;
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === url;
}
