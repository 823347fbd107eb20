import { readFileSync, type Stats, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeValue } from '../config/fingerprint.ts';
import type { Config } from '../config/types.ts';
import { IO_CONCURRENCY, mapLimit } from '../lib/concurrency.ts';
import { sha256 } from '../lib/digest.ts';
import { listFiles, readWhole } from '../lib/files.ts';
import { compareText } from '../lib/order.ts';
import { version } from '../lib/version.ts';
import type { ContentListing } from './types.ts';

/** The engine's folder: package.json, layouts/, and src/ or lib/ (whichever this module runs from). */
const ENGINE = fileURLToPath(new URL('../../', import.meta.url));
const CODE = fileURLToPath(new URL('../', import.meta.url));

/** The options of a run that change its output, whatever the files say. */
export interface OutputOptions {
  drafts: boolean;
  asOf?: string | number; // --as-of as given, or SOURCE_DATE_EPOCH's epoch ms
  baseUrl?: string;
}

/** Each input file's size, mtime and SHA-256, by path: what the next digest need not read again. */
export type InputFiles = Record<string, [size: number, mtimeMs: number, sha256: string]>;

/** The last build's input files, and the time before which a file it saw unchanged is still as it saw it. */
export interface KnownInputs {
  files: InputFiles;
  before: number;
}

/**
 * One digest over everything a build's output is made from: every file under content/, layouts/
 * and public/ (by bytes, hidden files too: a file a loader skips today costs a rebuild, never a
 * stale one), site.config.ts as its fingerprint and its values, the built-in theme, the engine's
 * code and the versions of its dependencies, and the options that change output. Equal digests
 * mean equal output; the digest itself never reaches output.
 *
 * A file whose size and mtime are those `known` recorded, and which was last modified well before
 * that record was made, is taken by its recorded hash instead of being read, as git's index does.
 * `before` is what the next digest takes as this one's "well before": a second before it started,
 * which is more than the coarse clock of file times can lag, so a file edited while (or just
 * before) this digest is made is read again next time.
 */
export async function inputDigest(
  config: Config,
  options: OutputOptions,
  known?: KnownInputs,
): Promise<{ digest: string; files: InputFiles; before: number; content?: ContentListing }> {
  const before = Date.now() - 1000;
  const lines = [
    `engine ${await engineDigest()}`,
    `config ${config.fingerprint} ${sha256(describeValue({ ...config, siteDir: '' }))}`,
    `options ${describeValue(options)}`,
  ];
  const files: InputFiles = {};
  let content: Map<string, Stats | undefined> | undefined = new Map();
  for (const folder of ['content', 'layouts', 'public']) {
    const seen = folder === 'content' ? content : undefined;
    const digested = await filesDigest(join(config.siteDir, folder), folder, files, known, seen);
    if (seen && !digested.listed) content = undefined; // the read lists it again, and says what is wrong
    lines.push(...digested.lines);
  }
  lines.push(...(await filesDigest(join(ENGINE, 'layouts'), 'colophon/layouts', files, known)).lines);
  return { digest: sha256(lines.join('\n')), files, before, content };
}

/** One line a file: its label-relative path and the SHA-256 of its bytes. `stats` takes each file's stat. */
async function filesDigest(
  root: string,
  label: string,
  files: InputFiles,
  known?: KnownInputs,
  stats?: Map<string, Stats | undefined>,
): Promise<{ lines: string[]; listed: boolean }> {
  const listed = await listFiles(root, label, false).catch(() => undefined);
  const paths = listed ?? [];
  // The files whose recorded hash holds are done here, in one synchronous pass; only the others are read.
  const infos = paths.map((path) => statSync(join(root, path), { throwIfNoEntry: false }));
  const hashes = paths.map((path, i) => {
    const seen = known?.files[`${label}/${path}`];
    const info = infos[i];
    return seen && info && seen[0] === info.size && seen[1] === info.mtimeMs && info.mtimeMs < known!.before
      ? seen[2]
      : undefined;
  });
  const unread = paths.flatMap((_, i) => (hashes[i] === undefined ? [i] : []));
  await mapLimit(unread, IO_CONCURRENCY, async (i) => {
    const bytes = await readWhole(join(root, paths[i]!)).catch(() => undefined);
    hashes[i] = bytes ? sha256(bytes) : 'unreadable';
  });
  const lines = paths.map((path, i) => {
    const [name, info] = [`${label}/${path}`, infos[i]];
    stats?.set(path, info);
    if (info) files[name] = [info.size, info.mtimeMs, hashes[i]!];
    return `${name} ${hashes[i]}`;
  });
  return { lines, listed: listed !== undefined };
}

/**
 * The engine: its version, the versions of its dependencies, and its own code by each file's size
 * and modification time, so that a changed engine (an upgrade, or a developer's edit) is a new
 * input even when its version number is not.
 */
export async function engineDigest(): Promise<string> {
  const paths = await listFiles(CODE, 'colophon', true).catch(() => [] as string[]);
  const lines = await mapLimit(paths, IO_CONCURRENCY, async (path) => {
    const info = await stat(join(CODE, path)).catch(() => undefined);
    return `${path} ${info?.size} ${info?.mtimeMs}`;
  });
  return sha256([version(), ...dependencyVersions(), ...lines].join('\n'));
}

/** The installed version of each of the engine's dependencies. */
function dependencyVersions(): string[] {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const own = read(join(ENGINE, 'package.json')) as { dependencies?: Record<string, string> };
  return Object.keys(own.dependencies ?? {}).sort(compareText).map((name) => {
    for (let dir = ENGINE;; dir = dirname(dir)) {
      try {
        return `dependency ${name}@${read(join(dir, 'node_modules', name, 'package.json')).version}`;
      } catch {
        if (dirname(dir) === dir) return `dependency ${name}@?`;
      }
    }
  });
}
