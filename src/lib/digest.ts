import { createHash } from 'node:crypto';
import { byUtf8 } from './order.ts';

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The site digest: SHA-256 of one `<sha256>  <path>\n` line per output file, sorted by path bytes.
 * It is exactly what `find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum`
 * prints inside the output folder, so anyone can check a deployed copy with standard tools.
 */
export function digestOfHashes(hashes: ReadonlyMap<string, string>): string {
  const lines = [...hashes.keys()].sort(byUtf8).map((path) => `${hashes.get(path)!}  ${path}\n`);
  return `sha256:${sha256(lines.join(''))}`;
}

export function siteDigest(files: ReadonlyMap<string, Uint8Array>): string {
  return digestOfHashes(new Map([...files].map(([path, bytes]) => [path, sha256(bytes)])));
}
