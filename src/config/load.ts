import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { importModule } from '../deps/load-module.ts';
import { cacheDirFor } from '../lib/cache-dir.ts';
import { ColophonError } from '../lib/errors.ts';
import { configFingerprint } from './fingerprint.ts';
import type { ConfigOverrides, LoadedConfig, SiteConfig } from './types.ts';
import { CONFIG_FILE, validateConfig } from './validate.ts';

export function defineConfig(config: SiteConfig): SiteConfig {
  return config;
}

function isCacheWriteError(error: unknown): boolean {
  return ['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException)?.code ?? '');
}

export interface LoadOptions {
  /** Keep site.config.ts compiled in the cache folder (default true; false with --no-cache). */
  cache?: boolean;
  /** Where that cache lives, instead of the site's own cache folder (cacheDirFor). */
  cacheDir?: string;
}

export async function loadConfig(
  siteDir: string,
  overrides: ConfigOverrides = {},
  options: LoadOptions = {},
): Promise<LoadedConfig> {
  const dir = resolve(siteDir);
  const file = join(dir, CONFIG_FILE);
  if (!existsSync(file)) {
    const warning = `${CONFIG_FILE} not found in ${siteDir}: building with the default configuration`;
    return { config: validateConfig({}, dir, overrides), warnings: [warning] };
  }
  let raw: unknown;
  try {
    const cache = options.cache === false ? undefined : join(options.cacheDir ?? cacheDirFor(dir), 'config');
    // A cache folder that cannot be written (full, read-only, another user's file) only costs time.
    raw = await importModule(file, cache).catch((error) => {
      if (cache && isCacheWriteError(error)) return importModule(file);
      throw error;
    });
  } catch (error) {
    throw new ColophonError('E_CONFIG_LOAD', `could not load the configuration: ${firstLine(error)}`, {
      file: CONFIG_FILE,
    });
  }
  const config = validateConfig(raw, dir, overrides);
  return { config: { ...config, fingerprint: configFingerprint(file, dir, config.markdown.plugins) }, warnings: [] };
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.replace(/\s+$/, '');
}
