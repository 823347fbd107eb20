import { readFileSync } from 'node:fs';

/** The engine's version, from its package.json (one level above src/ and lib/). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
