import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createJiti } from 'jiti';

/** Node and Deno differ only here: how a TypeScript module is imported, and how a thread starts. */
const isDeno = typeof (globalThis as { Deno?: unknown }).Deno !== 'undefined';

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

/** The engine's public entry, so a site's `import { defineConfig } from "colophon"` resolves anywhere. */
const entry = engineModule('../index', import.meta.url);

/**
 * The module's default export. On Node, TypeScript is compiled by jiti; given `cacheDir`, the
 * compiled code is kept there and reused while the source is unchanged (jiti checks a hash of the
 * source), which spares loading the compiler on every run.
 */
export async function importModule(file: string, cacheDir?: string): Promise<unknown> {
  if (isDeno) {
    // Deno runs TypeScript itself; deno.json maps "colophon" to src/index.ts. The query defeats
    // Deno's module cache so that a long-running server sees edits.
    const mod = await import(`${pathToFileURL(file).href}?t=${Date.now()}`);
    return mod.default;
  }
  const jiti = createJiti(import.meta.url, {
    alias: { colophon: entry.pathname },
    moduleCache: false,
    fsCache: cacheDir ?? false,
    interopDefault: true,
  });
  return jiti.import(file, { default: true });
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
