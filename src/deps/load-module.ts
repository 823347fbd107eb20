import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { sha256 } from '../lib/digest.ts';
import { engineModule, isDeno } from './runtime.ts';

// Apart from runtime.ts so that worker threads, which import that, never load jiti.

/** The engine's public entry, so a site's `import { defineConfig } from "colophon"` resolves anywhere. */
const entry = engineModule('../index', import.meta.url);

/**
 * The module's default export. On Node, TypeScript is compiled by jiti; given `cacheDir`, the
 * compiled code is kept there and reused while the source is unchanged, which spares loading the
 * compiler on every run.
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
    fsCache: false,
    interopDefault: true,
    ...(cacheDir === undefined ? {} : { transform: cachedTransform(cacheDir) }),
  });
  return jiti.import(file, { default: true });
}

/** What compiles site.config.ts: Deno itself, or this version of jiti. Part of the config's fingerprint. */
export function compilerVersion(): string {
  if (isDeno) return 'deno';
  const file = fileURLToPath(import.meta.resolve('jiti/package.json'));
  return `jiti@${(JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version}`;
}

type Transform = NonNullable<Parameters<typeof createJiti>[1]>['transform'] & {};
type TransformOptions = Parameters<Transform>[0];

/**
 * jiti's own file cache writes each entry in place, so a build that reads while another writes, or
 * one killed mid-write, can meet half a file. This one writes to a temporary name and renames it, as
 * the other caches do; each entry carries its key and a checksum, so a damaged one is compiled again.
 */
function cachedTransform(dir: string): Transform {
  let compiler: ReturnType<typeof createJiti> | undefined; // loads babel only on a miss
  let sequence = 0;
  const version = (createRequire(import.meta.url)('jiti/package.json') as { version: string }).version;
  return (options: TransformOptions) => {
    const { source, ...settings } = options;
    const setting = `jiti ${version}\0${JSON.stringify(settings)}`;
    const path = join(dir, `${sha256(setting).slice(0, 24)}.cjs`);
    const key = sha256(`${setting}\0${source}`);
    const cached = readEntry(path, key);
    if (cached !== undefined) return { code: cached };
    compiler ??= createJiti(import.meta.url, { fsCache: false, moduleCache: false });
    const code = compiler.transform(options);
    if (!code.includes('__JITI_ERROR__')) writeEntry(path, `// ${key} ${sha256(code)}\n${code}`, ++sequence);
    return { code };
  };
}

function readEntry(path: string, key: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const newline = text.indexOf('\n');
  const [, wanted, checksum] = text.slice(0, newline).split(' ');
  const code = text.slice(newline + 1);
  return wanted === key && checksum === sha256(code) ? code : undefined;
}

function writeEntry(path: string, text: string, sequence: number): void {
  const temp = `${path}.${process.pid}.${sequence}.tmp`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written only makes the next run slower.
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written
    }
  }
}
