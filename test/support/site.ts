import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildResult, generate } from '../../src/build.ts';
import type { BuildOptions, Generated } from '../../src/pipeline.ts';
import { main } from '../../src/cli.ts';
import { siteDigest } from '../../src/lib/digest.ts';
import { BuildFailure } from '../../src/lib/errors.ts';
import { byUtf8 } from '../../src/lib/order.ts';
import { materialize } from '../../src/render/produce.ts';
import type { OutputBytes } from '../../src/render/types.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Writes a site folder from a map of relative path to text; returns its absolute path. */
export function writeSite(files: Record<string, string>, parent?: string): string {
  const dir = parent ?? mkdtempSync(join(tmpdir(), 'colophon-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function config(fields: Record<string, unknown>): string {
  return `import { defineConfig } from 'colophon';\nexport default defineConfig(${JSON.stringify(fields, null, 2)});\n`;
}

/** A post file with front matter from `fields` (strings written as is) and a body. */
export function post(fields: Record<string, string>, body = 'Body text.\n'): string {
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
  return `---\n${lines.join('\n')}\n---\n${body}`;
}

/** A site built in memory: what `generate` gave, and every output file rendered, nothing written. */
export interface Built extends Generated {
  output: OutputBytes; // output path ▶ bytes
  paths: string[]; // every output file, in UTF-8 byte order (as BuildResult's)
  digest: string; // siteDigest of the output: build's digest too, unless publishManifest adds a file
  /** A produced file's text; throws, naming the path, when the site did not produce it. */
  read(path: string): string;
  /** Whether the site produced this file, or any file under this folder. */
  has(path: string): boolean;
}

/**
 * Builds the site through the real pipeline (`generate`, then every producer run by `materialize`)
 * without writing an output folder. The caches in the site's folder are read and written as by a
 * build. Throws BuildFailure, as `build` does, when a source or a template is wrong.
 */
export async function buildInMemory(dir: string, options: BuildOptions = {}): Promise<Built> {
  const generated = await generate(dir, options);
  const { output, errors } = materialize(generated.files);
  if (errors.length > 0) throw new BuildFailure(errors);
  const read = (path: string): string => {
    const bytes = output.get(path);
    if (bytes === undefined) {
      throw new Error(`the site produced no ${JSON.stringify(path)} (it has ${output.size} output files)`);
    }
    return Buffer.from(bytes).toString('utf8'); // as readFileSync does: a BOM is kept
  };
  return {
    ...generated,
    output,
    paths: [...output.keys()].sort(byUtf8),
    digest: siteDigest(output),
    read,
    has: (path) => output.has(path) || [...output.keys()].some((p) => p.startsWith(`${path.replace(/\/$/, '')}/`)),
  };
}

/** Builds into the site's output folder (dist/), as `colophon build` does. */
export async function buildOk(dir: string, options: BuildOptions = {}): Promise<BuildResult> {
  return build(dir, options);
}

/**
 * The BuildFailure of a build that must fail. It goes through `build`, so that template errors are
 * the ones found while the output is written; a failed build leaves the output folder as it was.
 */
export async function buildFails(dir: string, options: BuildOptions = {}): Promise<BuildFailure> {
  try {
    await build(dir, options);
  } catch (error) {
    if (error instanceof BuildFailure) return error;
    throw error;
  }
  throw new Error('expected the build to fail');
}

/** A file of the output folder that buildOk (or the CLI) wrote. */
export function read(dir: string, path: string): string {
  return readFileSync(join(dir, 'dist', path), 'utf8');
}

/** Text content of an HTML fragment: tags dropped, the few entities we emit decoded. */
export function text(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Every match of a capture group, in order. */
export function all(html: string, re: RegExp): string[] {
  return [...html.matchAll(re)].map((m) => m[1]!);
}

export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled CLI (what `npx colophon` runs) in a child process. */
export function cli(args: string[], env: Record<string, string> = {}, cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin/colophon.js'), ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the TypeScript source under Deno, from the npm `deno` package. */
export function deno(args: string[], env: Record<string, string> = {}): CliRun {
  const bin = join(ROOT, 'node_modules/.bin/deno');
  const result = spawnSync(bin, ['run', '-A', join(ROOT, 'src/cli.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function digestOf(run: CliRun): string {
  const match = /sha256:[0-9a-f]{64}/.exec(run.stdout);
  if (!match) throw new Error(`no digest in output:\n${run.stdout}\n${run.stderr}`);
  return match[0];
}

/** Runs a command line in this process, capturing what it prints. */
export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
