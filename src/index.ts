export { defineConfig, type SiteConfig, type Author } from './config.ts';
export { build, generate, type BuildOptions, type BuildResult } from './build.ts';
export { ColophonError, BuildFailure } from './errors.ts';
export { siteDigest } from './digest.ts';
