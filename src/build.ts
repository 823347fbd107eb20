import { resolve } from 'node:path';
import { loadConfig, type Config } from './config.ts';
import { loadContent } from './content.ts';
import { renderBodies } from './bodies.ts';
import { join } from 'node:path';
import { createHighlightCache } from './highlight-cache.ts';
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
  /** Use the persistent highlight cache (default true); false is --no-cache. */
  cache?: boolean;
}

/** Where highlighted blocks are kept between builds: COLOPHON_CACHE_DIR, else the site's node_modules/.cache. */
export function cacheDirFor(siteDir: string): string {
  return process.env.COLOPHON_CACHE_DIR || join(siteDir, 'node_modules', '.cache', 'colophon');
}

export interface Generated {
  config: Config;
  site: Site;
  output: Output;
  digest: string;
  manifest: Manifest;
  warnings: string[];
  highlight: { blocks: number; highlighted: number };
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
  const bodies = await renderBodies([...site.posts.map((p) => p.source), ...site.pages.map((p) => p.source)], {
    html: true,
    highlight: config.highlight ? {
      themes: config.highlight.themes,
      cache: options.cache === false ? undefined : createHighlightCache({ dir: cacheDirFor(config.siteDir) }),
    } : undefined,
    langs: config.highlight ? config.highlight.langs : undefined,
  });
  warnings.push(...bodies.warnings);
  const rendered = renderSite(site, templates!, bodies.html);
  failOn(rendered.errors);
  const { output } = rendered;
  const digest = siteDigest(output);
  const manifest = createManifest(output, digest, version());
  // A published manifest records the digest of everything else, so it is added after hashing.
  if (config.publishManifest) output.set(PUBLISHED_MANIFEST, new TextEncoder().encode(manifestJson(manifest)));
  return { config, site, output, digest, manifest, warnings, highlight: { blocks: bodies.blocks, highlighted: bodies.highlighted } };
}

/** generate, then write the output folder; a failure leaves the previous output as it was. */
export async function build(siteDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const generated = await generate(siteDir, options);
  const outDir = resolve(generated.config.siteDir, generated.config.outDir);
  const report = await guard(() => writeOutput(outDir, generated.output));
  const manifestPath = await guard(() => writeManifestBeside(outDir, generated.manifest));
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
