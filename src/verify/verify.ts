import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generate } from '../build.ts';
import { mapLimit } from '../lib/concurrency.ts';
import { sha256, siteDigest } from '../lib/digest.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { listFiles } from '../lib/files.ts';
import { byUtf8 } from '../lib/order.ts';
import { PUBLISHED_MANIFEST, publishedManifest } from '../output/manifest.ts';
import type { BuildOptions } from '../pipeline.ts';
import { materialize } from '../render/produce.ts';
import type { OutputBytes } from '../render/types.ts';

export interface VerifyOptions extends BuildOptions {
  concurrency?: number;
  timeoutMs?: number;
}

export interface VerifyReport {
  digest: string;
  files: number;
  identical: string[];
  different: string[];
  missing: string[];
  extra: string[]; // only knowable for a folder
  failed: { path: string; reason: string }[]; // fetched but not comparable (HTTP errors, timeouts)
}

/** Rebuilds the site in memory and compares every file with a folder or a deployed site's URL. */
export async function verify(siteDir: string, target: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const { files, config } = await generate(siteDir, options);
  const { output, errors } = materialize(files);
  if (errors.length > 0) throw new BuildFailure(errors);
  const digest = siteDigest(output);
  if (config.publishManifest) {
    const records = new Map(
      [...output].map(([path, bytes]) => [path, { sha256: sha256(bytes), size: bytes.byteLength }]),
    );
    output.set(PUBLISHED_MANIFEST, publishedManifest(records));
  }
  const report: VerifyReport = {
    digest,
    files: output.size,
    identical: [],
    different: [],
    missing: [],
    extra: [],
    failed: [],
  };
  if (/^https?:\/\//i.test(target)) await compareUrl(output, target, options, report);
  else await compareFolder(output, resolve(target), report);
  for (const list of [report.identical, report.different, report.missing, report.extra]) list.sort(byUtf8);
  report.failed.sort((a, b) => byUtf8(a.path, b.path));
  return report;
}

async function compareFolder(output: OutputBytes, dir: string, report: VerifyReport): Promise<void> {
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    throw new ColophonError('E_VERIFY_TARGET', `${dir} is not a folder`);
  }
  const present = new Set(await listFiles(dir, 'target', false));
  for (const [path, bytes] of output) {
    if (!present.has(path)) report.missing.push(path);
    else classify(report, path, bytes, await readFile(join(dir, path)));
  }
  for (const path of present) if (!output.has(path)) report.extra.push(path);
}

function classify(report: VerifyReport, path: string, built: Uint8Array, found: Uint8Array): void {
  (Buffer.compare(built, found) === 0 ? report.identical : report.different).push(path);
}

async function compareUrl(
  output: OutputBytes,
  target: string,
  options: VerifyOptions,
  report: VerifyReport,
): Promise<void> {
  const base = new URL(target.endsWith('/') ? target : `${target}/`);
  const timeoutMs = options.timeoutMs ?? 15_000;
  const paths = [...output.keys()].sort(byUtf8);
  const fetchOne = async (path: string) => {
    const url = new URL(path.split('/').map(encodeURIComponent).join('/'), base);
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
  };
  // One request first, so an unreachable host is one clear error rather than a failure per file.
  try {
    await fetchOne(paths[0]!);
  } catch (error) {
    throw new ColophonError('E_VERIFY_UNREACHABLE', `could not reach ${base.href}: ${reason(error)}`);
  }
  await mapLimit(paths, options.concurrency ?? 8, async (path) => {
    try {
      const { status, bytes } = await fetchOne(path);
      if (status === 200) classify(report, path, output.get(path)!, bytes);
      else if (status === 404 || status === 410) report.missing.push(path);
      else report.failed.push({ path, reason: `HTTP ${status}` });
    } catch (error) {
      report.failed.push({ path, reason: reason(error) });
    }
  });
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return 'timed out';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

export function verifyPassed(report: VerifyReport, strict: boolean): boolean {
  const problems = report.different.length + report.missing.length + report.failed.length;
  return problems === 0 && (!strict || report.extra.length === 0);
}
