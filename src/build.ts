import { resolve } from 'node:path';
import { loadConfig, type Config } from './config.ts';
import { loadContent } from './content.ts';
import { createMarkdown } from './deps/markdown.ts';
import { siteDigest } from './digest.ts';
import { BuildFailure, ColophonError } from './errors.ts';
import { renderSite, type Output } from './render.ts';
import { buildSite, type Site } from './site.ts';
import { createManifest, manifestJson, PUBLISHED_MANIFEST, writeManifestBeside, type Manifest } from './manifest.ts';
import { loadTheme } from './theme.ts';
import { version } from './version.ts';
import { writeOutput, type WriteReport } from './write.ts';

export interface BuildOptions {
  drafts?: boolean;
}

export interface Generated {
  config: Config;
  site: Site;
  output: Output;
  digest: string;
  manifest: Manifest;
  warnings: string[];
}

export interface BuildResult extends Generated {
  outDir: string;
  manifestPath: string;
  report: WriteReport;
}

/** Sources to output bytes, in memory. Throws BuildFailure with every error found. */
export async function generate(siteDir: string, options: BuildOptions = {}): Promise<Generated> {
  const { config, warnings } = await guard(() => loadConfig(siteDir));
  const content = await loadContent(config).catch(rethrowAsFailure);
  const templates = await loadTheme(config.siteDir).catch((error) => collect(error, content.errors));
  failOn(content.errors);
  const site = buildSite(config, content, { drafts: options.drafts ?? false });
  if (Array.isArray(site)) throw new BuildFailure(site);
  const rendered = renderSite(site, templates!, createMarkdown({ html: true }));
  failOn(rendered.errors);
  const { output } = rendered;
  const digest = siteDigest(output);
  const manifest = createManifest(output, digest, version());
  // A published manifest records the digest of everything else, so it is added after hashing.
  if (config.publishManifest) output.set(PUBLISHED_MANIFEST, new TextEncoder().encode(manifestJson(manifest)));
  return { config, site, output, digest, manifest, warnings };
}

/** generate, then write the output folder; a failure leaves the previous output as it was. */
export async function build(siteDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const generated = await generate(siteDir, options);
  const outDir = resolve(generated.config.siteDir, generated.config.outDir);
  const report = await guard(() => writeOutput(outDir, generated.output));
  const manifestPath = await writeManifestBeside(outDir, generated.manifest);
  return { ...generated, outDir, manifestPath, report };
}

function failOn(errors: ColophonError[]): void {
  if (errors.length > 0) throw new BuildFailure(errors);
}

function collect(error: unknown, into: ColophonError[]): undefined {
  if (!(error instanceof ColophonError)) throw error;
  into.push(error);
  return undefined;
}

function rethrowAsFailure(error: unknown): never {
  if (error instanceof ColophonError) throw new BuildFailure([error]);
  throw error;
}

async function guard<T>(step: () => Promise<T>): Promise<T> {
  return step().catch(rethrowAsFailure);
}
