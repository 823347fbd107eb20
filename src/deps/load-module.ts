import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { engineModule, isDeno } from './runtime.ts';

// Apart from runtime.ts so that worker threads, which import that, never load jiti.

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

/** What compiles site.config.ts: Deno itself, or this version of jiti. Part of the config's fingerprint. */
export function compilerVersion(): string {
  if (isDeno) return 'deno';
  const file = fileURLToPath(import.meta.resolve('jiti/package.json'));
  return `jiti@${(JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version}`;
}
