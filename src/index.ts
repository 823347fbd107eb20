export { defineConfig, type SiteConfig, type Author } from './config/load.ts';
export { build, type BuildResult, generate } from './build.ts';
export type { BuildOptions } from './pipeline.ts';
export { ColophonError, BuildFailure } from './lib/errors.ts';
export { siteDigest } from './lib/digest.ts';
