import { readFileSync } from 'node:fs';
import { engineModule } from '../deps/runtime.ts';
import { sha256 } from '../lib/digest.ts';

const digests = new Map<string, string>();

/**
 * SHA-256 of some of Colophon's own modules (paths relative to src/markdown/, without extension), as
 * they run: a cache keyed on it never hands one version's output to another.
 */
export function engineDigest(modules: readonly string[]): string {
  const key = modules.join('\0');
  let digest = digests.get(key);
  if (digest === undefined) {
    digest = sha256(Buffer.concat(modules.map((name) => readFileSync(engineModule(name, import.meta.url)))));
    digests.set(key, digest);
  }
  return digest;
}
