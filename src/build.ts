import { resolve } from 'node:path';
import { loadConfig } from './config/load.ts';
import { inputDigest } from './content/inputs.ts';
import { asFailure } from './lib/errors.ts';
import { writeOutputFolder, type WrittenOutput } from './output/folder.ts';
import { createManifest, readPreviousBuild } from './output/manifest.ts';
import { trackPosts } from './output/progress.ts';
import type { BuildState, PreviousBuild, WriteReport } from './output/types.ts';
import { outputAsLeft } from './output/unchanged.ts';
import { type BuildOptions, createPipeline, type Generated } from './pipeline.ts';

/** What `build` did: the site as generated, and what writing its output folder did. */
export interface BuildResult extends Generated, WrittenOutput {}

/** What `colophon build` reports, whether it built or found the output up to date. */
export interface BuildSummary {
  /** The inputs were the last build's and the output as it left it: nothing was read, made or written. */
  upToDate: boolean;
  posts: number;
  pages: number;
  files: number;
  digest: string;
  report: WriteReport;
  made: number; // files rendered, encoded and hashed
  /** Local raster images shown; `processed` were made now rather than taken from the cache. */
  images: { total: number; processed: number };
  changes: WrittenOutput['changes'];
  warnings: string[];
}

/** Sources to a map of output producers. Throws BuildFailure with every error found so far. */
export async function generate(siteDir: string, options: BuildOptions = {}): Promise<Generated> {
  return createPipeline(siteDir, options).refresh();
}

/**
 * generate, then write the output folder: only the files whose dependencies or bytes changed (all
 * of them with `full`). A failure leaves the previous output as it was. `inputs` is what the
 * manifest records of them for the next `rebuild`; `previous`, that manifest if already read.
 */
export async function build(
  siteDir: string,
  options: BuildOptions = {},
  inputs: Pick<BuildState, 'inputs' | 'sources' | 'sourcesBefore'> = {},
  previous?: PreviousBuild,
): Promise<BuildResult> {
  const generated = await generate(siteDir, options);
  const { onProgress, full } = options;
  const { site, warnings, keys } = generated;
  const posts = site.posts.map((p) => p.output);
  const files = onProgress ? trackPosts(generated.files, posts, onProgress) : generated.files;
  const images = generated.images.total;
  const state = { ...inputs, posts: site.posts.length, pages: site.pages.length, images, warnings };
  const plan = { keys: await keys(), full, state, previous }; // keys are recorded even by a full build
  return { ...generated, ...(await writeOutputFolder(generated.config, files, plan)) };
}

/**
 * `colophon build`: when the inputs (see inputDigest) are those of the last build and the output
 * folder is as that build left it, nothing more is read and nothing is written; otherwise `build`.
 * `full` and `cache: false` always build.
 */
export async function rebuild(siteDir: string, options: BuildOptions = {}): Promise<BuildSummary> {
  const full = options.full === true || options.cache === false;
  const { cache, cacheDir, baseUrl, drafts = false, asOf } = options;
  const { config } = await loadConfig(siteDir, { url: baseUrl }, { cache, cacheDir }).catch(asFailure);
  const outDir = resolve(config.siteDir, config.outDir);
  const previous = await readPreviousBuild(outDir);
  const state = previous.state;
  const known = full || !state?.sources ? undefined : { files: state.sources, before: state.sourcesBefore ?? 0 };
  const digested = await inputDigest(config, { drafts, asOf, baseUrl }, known);
  const { digest: inputs, files: sources, before, content: listing } = digested;
  if (!full && state?.inputs === inputs && (await outputAsLeft(outDir, previous, config.publishManifest))) {
    const report = { written: 0, unchanged: previous.files.size + (config.publishManifest ? 1 : 0), removed: 0 };
    const { digest } = createManifest(previous.files, '');
    const { posts, pages, warnings } = state;
    const changes = { written: [], removed: [] };
    const images = { total: state.images ?? 0, processed: 0 };
    return {
      upToDate: true,
      posts,
      pages,
      files: report.unchanged,
      digest,
      report,
      made: 0,
      images,
      changes,
      warnings,
    };
  }
  const result = await build(
    siteDir,
    { ...options, full, listing },
    { inputs, sources, sourcesBefore: before },
    previous,
  );
  const { site, paths, digest, report, made, images, changes, warnings } = result;
  const [posts, pages] = [site.posts.length, site.pages.length];
  return { upToDate: false, posts, pages, files: paths.length, digest, report, made, images, changes, warnings };
}
