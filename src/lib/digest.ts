import * as crypto from 'node:crypto';
import { byUtf8 } from './order.ts';

// crypto.hash (Node 20.12 and later) hashes in one call, without a Hash object: a third of the cost on
// the small strings a rebuild hashes by the ten thousand. Runtimes without it take the Hash object.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string) => string }).hash;

export function sha256(bytes: Uint8Array | string): string {
  return oneShot ? oneShot('sha256', bytes) : crypto.createHash('sha256').update(bytes).digest('hex');
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
