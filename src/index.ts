export { defineConfig } from './config/load.ts';
export type { Author, SiteConfig } from './config/types.ts';
export type { PathsConfig } from './config/paths.ts';
export { build, type BuildResult, generate } from './build.ts';
export type { BuildOptions } from './pipeline.ts';
export { BuildFailure, ColophonError } from './lib/errors.ts';
export { siteDigest } from './lib/digest.ts';
