import { existsSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compilerVersion } from '../deps/load-module.ts';
import { sha256 } from '../lib/digest.ts';
import { compareText } from '../lib/order.ts';

/**
 * SHA-256 of everything site.config.ts is made of, so that a cache keyed on it never serves what an
 * older configuration's code made:
 * - the text of site.config.ts and of every local module it imports, followed import by import
 *   (the compiler's version too: the same text compiles to the same code);
 * - the installed version of every package those modules import, and the nearest lock file, which
 *   pins the packages those import in turn;
 * - the plugins as loaded: each one's code and its options, which site.config.ts may have computed
 *   from files it read.
 *
 * Imports are found in the text (`import … from`, `export … from`, `import()`, `require()`); an
 * import written some other way is not followed, but its plugin's code and options still count.
 * What it cannot see: options a plugin keeps in a closure (`makePlugin(options)`), and files a
 * plugin reads while it renders. Changing those needs `--no-cache` once.
 */
export function configFingerprint(file: string, siteDir: string, plugins: readonly [unknown, unknown][]): string {
  const lines = [`compiler ${compilerVersion()}`];
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (path: string) => {
    if (modules.has(path)) return;
    modules.add(path);
    const text = readFileSync(path, 'utf8');
    lines.push(`module ${relative(siteDir, path).split('\\').join('/')} ${sha256(text)}`);
    if (/\.json$/i.test(path)) return;
    for (const specifier of importsOf(text)) {
      if (isLocal(specifier)) {
        const target = resolveLocal(specifier, dirname(path));
        if (target) visit(target);
      } else if (!isBuiltin(specifier) && !specifier.startsWith('colophon')) {
        const name = packageName(specifier);
        packages.add(`package ${name}@${installedVersion(name, dirname(path)) ?? '?'}`);
      }
    }
  };
  if (existsSync(file)) visit(resolve(file));
  lines.push(...[...packages].sort(compareText));
  // The lock file pins what those packages import in turn, down to the last dependency.
  const lock = lockFile(siteDir);
  if (lock) lines.push(`lock ${basename(lock)} ${sha256(readFileSync(lock))}`);
  plugins.forEach(([plugin, options], i) =>
    lines.push(`plugin ${i} ${describeValue(plugin)} ${describeValue(options)}`)
  );
  return sha256(lines.join('\n'));
}

const LOCK_FILES = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'deno.lock'];

/** The lock file nearest the site folder: in it, or in a folder above (a site inside a larger project). */
function lockFile(siteDir: string): string | undefined {
  for (let dir = resolve(siteDir);; dir = dirname(dir)) {
    const found = LOCK_FILES.map((name) => join(dir, name)).find((f) => existsSync(f));
    if (found || dirname(dir) === dir) return found;
  }
}

const IMPORT = /(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*(['"])([^'"\n]+)\1/g;

function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[2]!);
}

const isLocal = (specifier: string) => /^(?:\.{1,2}\/|\/|file:)/.test(specifier);

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

/** As a TypeScript-aware loader would: the file itself, with an extension added or .js read as .ts, or an index. */
function resolveLocal(specifier: string, from: string): string | undefined {
  const base = specifier.startsWith('file:') ? fileURLToPath(specifier) : resolve(from, specifier);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...(/\.[cm]?js$/.test(base) ? [base.replace(/js$/, 'ts')] : []),
    ...EXTENSIONS.map((e) => join(base, `index${e}`)),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

function packageName(specifier: string): string {
  const parts = specifier.replace(/^npm:/, '').split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** The version in node_modules/<name>/package.json, looked for from `from` up to the file system's root. */
function installedVersion(name: string, from: string): string | undefined {
  for (let dir = from;; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** A value as text that is the same for the same value in any run: keys sorted, functions by their code. */
export function describeValue(value: unknown, seen = new Set<unknown>()): string {
  if (typeof value === 'function') return `function ${value.name} ${sha256(String(value))}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return String(value);
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (value instanceof RegExp) return `RegExp(${String(value)})`;
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (value instanceof Map || value instanceof Set) {
    return `${value.constructor.name}${describeValue([...value], seen)}`;
  }
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  const text = Array.isArray(value)
    ? `[${value.map((v) => describeValue(v, seen)).join(',')}]`
    : `{${
      Object.keys(value).sort(compareText).map((k) =>
        `${JSON.stringify(k)}:${describeValue((value as Record<string, unknown>)[k], seen)}`
      ).join(',')
    }}`;
  seen.delete(value);
  return text;
}
