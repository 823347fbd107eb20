import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { digestOfHashes } from '../lib/digest.ts';
import { ColophonError } from '../lib/errors.ts';
import { byUtf8 } from '../lib/order.ts';
import { version } from '../lib/version.ts';
import type { LeftBefore } from './listing.ts';
import type { BuildState, FileRecord, Manifest, PreviousBuild } from './types.ts';

/** The file a published manifest takes inside the output; it is left out of the digest it records. */
export const PUBLISHED_MANIFEST = 'colophon-manifest.json';

/** From the records of a write; a published manifest is left out of the digest and list it records. */
export function createManifest(records: ReadonlyMap<string, FileRecord>, version: string): Manifest {
  const paths = [...records.keys()].filter((path) => path !== PUBLISHED_MANIFEST).sort(byUtf8);
  const digest = digestOfHashes(new Map(paths.map((path) => [path, records.get(path)!.sha256])));
  const files = paths.map((path) => ({ path, size: records.get(path)!.size, sha256: records.get(path)!.sha256 }));
  return { colophon: version, digest, files };
}

function manifestJson(manifest: Manifest & { build?: BuildState }): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The bytes of colophon-manifest.json for a build whose files are `records`. */
export function publishedManifest(records: ReadonlyMap<string, FileRecord>): Uint8Array {
  return new TextEncoder().encode(manifestJson(createManifest(records, version())));
}

/** "dist" -> "dist.manifest.json" beside it: outside the deployed files unless published. */
export function manifestPathFor(outDir: string): string {
  return join(dirname(outDir), `${basename(outDir)}.manifest.json`);
}

export async function writeManifestBeside(outDir: string, manifest: Manifest, state?: BuildState): Promise<string> {
  const path = manifestPathFor(outDir);
  try {
    await writeAfterOutput(`${path}.tmp`, manifestJson(state ? { ...manifest, build: state } : manifest));
    await rename(`${path}.tmp`, path);
  } catch (error) {
    throw new ColophonError('E_WRITE', `could not write the manifest: ${(error as Error).message}`, {
      file: path,
      hint: 'the output itself was written; check that the folder beside it is writable',
    });
  }
  return path;
}

/** The manifest the last build wrote beside the output; nothing known when there is none or it cannot be read. */
export async function readPreviousBuild(outDir: string): Promise<PreviousBuild> {
  const path = manifestPathFor(outDir);
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const manifest = JSON.parse(text) as Partial<Manifest> & { build?: BuildState };
    const files = new Map((manifest.files ?? []).map((f) => [f.path, { sha256: f.sha256, size: f.size }]));
    const keys = new Map(Object.entries(manifest.build?.keys ?? {}));
    return { files, keys, writtenBefore: info.mtimeMs, state: manifest.build };
  } catch {
    return nothingKnown(); // compare bytes instead
  }
}

/** What the manifest says the last build left in the output, for listOutput; nothing when there is none. */
export function leftBy(previous: PreviousBuild): LeftBefore | undefined {
  if (previous.files.size === 0) return undefined;
  return { paths: [...previous.files.keys(), PUBLISHED_MANIFEST], writtenBefore: previous.writtenBefore };
}

export function nothingKnown(): PreviousBuild {
  return { files: new Map(), keys: new Map(), writtenBefore: 0 };
}

/**
 * Writes the file so that its mtime is later than that of every file written before it. File times
 * come from a coarse clock (a few milliseconds a tick), so files written just before may share the
 * first write's time; writing again once the clock has moved on makes the manifest's time a strict
 * bound, and a file modified after it (by hand, within the same tick) is never taken as unchanged.
 */
async function writeAfterOutput(file: string, text: string): Promise<void> {
  await writeFile(file, text);
  const first = (await stat(file)).mtimeMs;
  for (let tries = 0; tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await writeFile(file, text);
    if ((await stat(file)).mtimeMs > first) return;
  }
}
