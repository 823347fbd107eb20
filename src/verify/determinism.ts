import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { generate } from '../build.ts';
import { selfCommand } from '../deps/runtime.ts';
import { sha256, siteDigest } from '../lib/digest.ts';
import { BuildFailure } from '../lib/errors.ts';
import { byUtf8 } from '../lib/order.ts';
import { CLOCK_SHIFT_MS, inTakingOrder, PERTURB_ENV, perturbIfAsked } from '../lib/perturb.ts';
import type { BuildOptions } from '../pipeline.ts';
import { materialize } from '../render/produce.ts';
import type { OutputBytes } from '../render/types.ts';

/**
 * `colophon build --check-determinism`: the site built twice in memory, the second time in a child
 * process under other conditions. Every file whose bytes differ names something in the site (most
 * often a plugin, helper or transform) that reads the clock, Math.random, the timezone or locale,
 * the order files come in, or the thread it runs on. Nothing is written.
 */
export interface DeterminismReport {
  files: number; // in the first build
  digest: string; // of the first build
  conditions: string[]; // what the second build changed, for the report
  different: FileDifference[];
  missing: string[]; // only in the first build
  extra: string[]; // only in the second build
}

export interface FileDifference {
  path: string;
  offset: number; // the first byte that differs
  first: string; // a few bytes around it, from each build, as text
  second: string;
}

/** What the child sends back: the digest of every file, and the bytes of those that differ. */
interface ProbeReply {
  hashes: Record<string, string>;
  bytes: Record<string, string>; // base64, for the files whose hash is not the first build's
}

/** Options of the second build that the first build's command line set: passed on as they were. */
export interface CheckArgs {
  options: BuildOptions;
  /** The command-line flags that give those options (--drafts, --as-of, --base-url), for the child. */
  flags: string[];
}

export async function checkDeterminism(dir: string, { options, flags }: CheckArgs): Promise<DeterminismReport> {
  // Neither build reads or writes a cache, so that every body goes through the plugins both times:
  // the first on this thread alone, the second on a pool of threads.
  const first = await buildInMemory(dir, { ...options, cache: false, workers: 1 });
  const hashes = Object.fromEntries([...first].map(([path, bytes]) => [path, sha256(bytes)]));
  const threads = 3;
  const tz = process.env.TZ === 'Pacific/Chatham' ? 'America/St_Johns' : 'Pacific/Chatham';
  const lang = (process.env.LC_ALL ?? process.env.LANG ?? '').startsWith('tr') ? 'de_DE.UTF-8' : 'tr_TR.UTF-8';
  const env = {
    ...process.env,
    [PERTURB_ENV]: '1',
    TZ: tz,
    LANG: lang,
    LC_ALL: lang,
    COLOPHON_WORKERS: String(threads),
  };
  const reply = await runProbe(dir, ['--no-cache', ...flags], env, JSON.stringify(hashes));
  const years = Math.round(CLOCK_SHIFT_MS / (365.25 * 86_400_000));
  const conditions = [
    `the clock ${years} years ahead`,
    'Math.random reseeded',
    `TZ=${tz}`,
    `LANG=${lang}`,
    'files and bodies taken in reverse order',
    `${threads} worker threads (the first: none)`,
    'no caches (neither build uses them)',
  ];
  const paths = [...first.keys()].sort(byUtf8);
  const different: FileDifference[] = [];
  for (const path of paths) {
    const theirs = reply.hashes[path];
    if (theirs === undefined || theirs === hashes[path]) continue;
    different.push(difference(path, first.get(path)!, Buffer.from(reply.bytes[path] ?? '', 'base64')));
  }
  return {
    files: first.size,
    digest: siteDigest(first),
    conditions,
    different,
    missing: paths.filter((p) => reply.hashes[p] === undefined),
    extra: Object.keys(reply.hashes).filter((p) => !first.has(p)).sort(byUtf8),
  };
}

/** The report as `build --check-determinism` prints it, and whether the check passed. */
export function formatDeterminismReport(report: DeterminismReport): { lines: string[]; passed: boolean } {
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  const lines = [
    `Built ${files(report.files)} twice in memory; the second time with ${report.conditions.join(', ')}.`,
  ];
  for (const d of report.different) {
    lines.push(`  differs  ${d.path}, from byte ${d.offset}:`, `      first:  ${d.first}`, `      second: ${d.second}`);
  }
  for (const path of report.missing) lines.push(`  only in the first build   ${path}`);
  for (const path of report.extra) lines.push(`  only in the second build  ${path}`);
  const differing = report.different.length + report.missing.length + report.extra.length;
  if (differing === 0) {
    lines.push(`The output is deterministic: the same ${files(report.files)} both times, ${report.digest}.`);
  } else {
    lines.push(
      `${files(differing)} ${differing === 1 ? 'differs' : 'differ'}: something in the site (a plugin, helper, ` +
        'transform or template) depends on one of the conditions above. Nothing was written.',
    );
  }
  return { lines, passed: differing === 0 };
}

/**
 * The child's side (`build --determinism-probe`): reads the first build's hashes on standard input,
 * builds under the conditions its environment sets, and prints a ProbeReply on standard output.
 */
export async function runDeterminismProbe(dir: string, options: BuildOptions): Promise<void> {
  perturbIfAsked();
  const theirs = JSON.parse(await readStdin()) as Record<string, string>;
  const output = await buildInMemory(dir, options);
  const reply: ProbeReply = { hashes: {}, bytes: {} };
  for (const [path, bytes] of output) {
    const hash = sha256(bytes);
    reply.hashes[path] = hash;
    if (theirs[path] !== hash) reply.bytes[path] = Buffer.from(bytes).toString('base64');
  }
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(reply)}\n`, () => resolve()));
}

/** Every file rendered, in the order producers are taken (reversed in the second build). */
async function buildInMemory(dir: string, options: BuildOptions): Promise<OutputBytes> {
  const generated = await generate(dir, options);
  const reordered = new Map(inTakingOrder([...generated.files]));
  const { output, errors } = materialize(reordered);
  if (errors.length > 0) throw new BuildFailure(errors);
  return output;
}

function runProbe(dir: string, flags: string[], env: NodeJS.ProcessEnv, input: string): Promise<ProbeReply> {
  const { command, args } = selfCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, 'build', dir, '--determinism-probe', ...flags], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      const text = Buffer.concat(out).toString('utf8');
      if (code === 0) {
        try {
          return resolve(JSON.parse(text) as ProbeReply);
        } catch { /* reported below */ }
      }
      // The first build succeeded, so a second that fails is itself a difference the user must see.
      const why = Buffer.concat(err).toString('utf8').trim() || text.trim();
      reject(new ProbeFailed(why));
    });
    child.stdin.end(input);
  });
}

/** The second build failed where the first succeeded: its own errors, as it printed them. */
export class ProbeFailed extends Error {}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (b: Buffer) => chunks.push(b));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const CONTEXT = 40;

function difference(path: string, a: Uint8Array, b: Uint8Array): FileDifference {
  let offset = 0;
  while (offset < a.length && offset < b.length && a[offset] === b[offset]) offset++;
  const around = (bytes: Uint8Array) => {
    const from = Math.max(0, offset - CONTEXT);
    const to = Math.min(bytes.length, offset + CONTEXT);
    const text = Buffer.from(bytes.subarray(from, to)).toString('utf8').replace(/\n/g, '\\n');
    return `${from > 0 ? '…' : ''}${text}${to < bytes.length ? '…' : ''}`;
  };
  return { path, offset, first: around(a), second: around(b) };
}
