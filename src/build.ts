import { join, resolve } from 'node:path';
import { renderBodies } from './bodies.ts';
import { loadConfig, type Config } from './config.ts';
import { loadContent } from './content.ts';
import { BuildFailure, ColophonError } from './errors.ts';
import { createHighlightCache } from './highlight-cache.ts';
import { createManifest, manifestJson, PUBLISHED_MANIFEST, writeManifestBeside, type Manifest } from './manifest.ts';
import { createPool, workerCount } from './pool.ts';
import { renderSite, type Files } from './render.ts';
import { buildSite, type Site } from './site.ts';
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
  files: Files; // rendered when consumed
  warnings: string[];
  highlight: { blocks: number; highlighted: number };
}

export interface BuildResult extends Generated {
  outDir: string;
  paths: string[];
  digest: string;
  manifest: Manifest;
  manifestPath: string;
  report: WriteReport;
}

/** Sources to a map of output producers. Throws BuildFailure with every error found so far. */
export async function generate(siteDir: string, options: BuildOptions = {}): Promise<Generated> {
  const { config, warnings } = await guard(() => loadConfig(siteDir));
  const content = await loadContent(config).catch(rethrowAsFailure);
  const templates = await loadTheme(config.siteDir).catch((error) => collect(error, content.errors));
  failOn(content.errors);
  const site = buildSite(config, content, { drafts: options.drafts ?? false });
  if (Array.isArray(site)) throw new BuildFailure(site);
  const sources = [...site.posts.map((p) => p.source), ...site.pages.map((p) => p.source)];
  const workers = workerCount(sources.length);
  const pool = workers > 1 ? createPool(workers) : undefined;
  const bodies = await renderBodies(sources, {
    html: true,
    highlight: config.highlight
      ? {
          themes: config.highlight.themes,
          cache: options.cache === false ? undefined : createHighlightCache({ dir: cacheDirFor(config.siteDir) }),
        }
      : undefined,
    langs: config.highlight ? config.highlight.langs : undefined,
    pool,
  }).finally(() => pool?.close());
  warnings.push(...bodies.warnings);
  const rendered = renderSite(site, templates!, bodies.html);
  failOn(rendered.errors);
  return { config, site, files: rendered.files, warnings, highlight: { blocks: bodies.blocks, highlighted: bodies.highlighted } };
}

/** generate, then write the output folder; a failure leaves the previous output as it was. */
export async function build(siteDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const generated = await generate(siteDir, options);
  const { config } = generated;
  const outDir = resolve(config.siteDir, config.outDir);
  const publish = (records: Parameters<typeof createManifest>[0]) =>
    new Map(config.publishManifest ? [[PUBLISHED_MANIFEST, new TextEncoder().encode(manifestJson(createManifest(records, version())))]] : []);
  const { report, records } = await guard(() => writeOutput(outDir, generated.files, publish));
  const manifest = createManifest(records, version());
  const manifestPath = await guard(() => writeManifestBeside(outDir, manifest));
  const paths = [...records.keys()];
  return { ...generated, outDir, paths, digest: manifest.digest, manifest, manifestPath, report };
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
  return step().catch((error) => {
    if (error instanceof BuildFailure) throw error;
    return rethrowAsFailure(error);
  });
}
