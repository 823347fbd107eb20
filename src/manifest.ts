import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { byUtf8, sha256 } from './digest.ts';
import { ColophonError } from './errors.ts';
import type { Output } from './render.ts';

/** The file a published manifest takes inside the output; it is left out of the digest it records. */
export const PUBLISHED_MANIFEST = 'colophon-manifest.json';

export interface Manifest {
  colophon: string;
  digest: string;
  files: { path: string; size: number; sha256: string }[];
}

export function createManifest(output: Output, digest: string, version: string): Manifest {
  const files = [...output.keys()]
    .filter((path) => path !== PUBLISHED_MANIFEST)
    .sort(byUtf8)
    .map((path) => ({ path, size: output.get(path)!.byteLength, sha256: sha256(output.get(path)!) }));
  return { colophon: version, digest, files };
}

export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** "dist" -> "dist.manifest.json" beside it: outside the deployed files unless published. */
export function manifestPathFor(outDir: string): string {
  return join(dirname(outDir), `${basename(outDir)}.manifest.json`);
}

export async function writeManifestBeside(outDir: string, manifest: Manifest): Promise<string> {
  const path = manifestPathFor(outDir);
  try {
    await writeFile(`${path}.tmp`, manifestJson(manifest));
    await rename(`${path}.tmp`, path);
  } catch (error) {
    throw new ColophonError('E_WRITE', `could not write the manifest: ${(error as Error).message}`, {
      file: path,
      hint: 'the output itself was written; check that the folder beside it is writable',
    });
  }
  return path;
}
