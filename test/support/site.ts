import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildResult } from '../../src/build.ts';
import type { BuildOptions } from '../../src/pipeline.ts';
import { main } from '../../src/cli.ts';
import { BuildFailure } from '../../src/lib/errors.ts';

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

export async function buildOk(dir: string, options: BuildOptions = {}): Promise<BuildResult> {
  return build(dir, options);
}

export async function buildFails(dir: string, options: BuildOptions = {}): Promise<BuildFailure> {
  try {
    await build(dir, options);
  } catch (error) {
    if (error instanceof BuildFailure) return error;
    throw error;
  }
  throw new Error('expected the build to fail');
}

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
