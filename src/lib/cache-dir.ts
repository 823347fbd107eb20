import { join } from 'node:path';

/**
 * Where Colophon keeps what it can reuse between runs (highlighted blocks, rendered bodies, the
 * compiled site.config.ts): COLOPHON_CACHE_DIR, else the site's node_modules/.cache/colophon.
 */
export function cacheDirFor(siteDir: string): string {
  return process.env.COLOPHON_CACHE_DIR || join(siteDir, 'node_modules', '.cache', 'colophon');
}
