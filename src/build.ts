import { resolve } from 'node:path';
import { byUtf8 } from './digest.ts';
import { asFailure } from './errors.ts';
import { createManifest, manifestJson, PUBLISHED_MANIFEST, writeManifestBeside, type Manifest } from './manifest.ts';
import { createPipeline, type BuildOptions, type Generated } from './pipeline.ts';
import { trackPosts } from './progress.ts';
import { version } from './version.ts';
import { writeOutput, type WriteReport, type WriteResult } from './write.ts';

export { cacheDirFor } from './cache-dir.ts';
export { type BuildOptions, type Generated } from './pipeline.ts';

export interface BuildResult extends Generated {
  outDir: string;
  paths: string[];
  digest: string;
  manifest: Manifest;
  manifestPath: string;
  report: WriteReport;
  changes: WriteResult['changes'];
}

/** Sources to a map of output producers. Throws BuildFailure with every error found so far. */
export async function generate(siteDir: string, options: BuildOptions = {}): Promise<Generated> {
  return createPipeline(siteDir, options).refresh();
}

/** generate, then write the output folder; a failure leaves the previous output as it was. */
export async function build(siteDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const generated = await generate(siteDir, options);
  const { config } = generated;
  const outDir = resolve(config.siteDir, config.outDir);
  const publish = (records: Parameters<typeof createManifest>[0]) =>
    new Map(config.publishManifest ? [[PUBLISHED_MANIFEST, new TextEncoder().encode(manifestJson(createManifest(records, version())))]] : []);
  const { onProgress } = options;
  const files = onProgress ? trackPosts(generated.files, generated.site.posts.map((p) => p.output), onProgress) : generated.files;
  const { report, records, changes } = await guard(() => writeOutput(outDir, files, publish));
  const manifest = createManifest(records, version());
  const manifestPath = await guard(() => writeManifestBeside(outDir, manifest));
  const paths = [...records.keys()].sort(byUtf8); // records fill in the order writes finish
  return { ...generated, outDir, paths, digest: manifest.digest, manifest, manifestPath, report, changes };
}

async function guard<T>(step: () => Promise<T>): Promise<T> {
  return step().catch(asFailure);
}
