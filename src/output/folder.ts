import { resolve } from 'node:path';
import type { Config } from '../config/types.ts';
import { asFailure } from '../lib/errors.ts';
import { byUtf8 } from '../lib/order.ts';
import { version } from '../lib/version.ts';
import type { Producers } from '../render/types.ts';
import { createManifest, PUBLISHED_MANIFEST, publishedManifest, writeManifestBeside } from './manifest.ts';
import type { BuildState, FileRecord, Manifest, WriteReport, WriteResult } from './types.ts';
import { writeOutput, type WritePlan } from './write.ts';

/** What writing a site's output folder did: the files, their digest and manifest, what changed. */
export interface WrittenOutput {
  outDir: string;
  paths: string[]; // every output file, in UTF-8 byte order
  digest: string;
  manifest: Manifest;
  manifestPath: string;
  report: WriteReport;
  /** How many files were made; the others were kept, their dependencies unchanged. */
  made: number;
  changes: WriteResult['changes'];
}

/** What the build knows that the output folder's writing and its manifest take. */
export interface FolderPlan extends WritePlan {
  /** What the manifest remembers for the next build, besides each output's key. */
  state: Omit<BuildState, 'keys'>;
}

/**
 * Runs every producer into the site's output folder, then writes the manifest beside it (and,
 * with `publishManifest`, inside it). Throws BuildFailure; the previous output stays as it was.
 */
export async function writeOutputFolder(config: Config, files: Producers, plan: FolderPlan): Promise<WrittenOutput> {
  const outDir = resolve(config.siteDir, config.outDir);
  const publish = (records: ReadonlyMap<string, FileRecord>) =>
    new Map(config.publishManifest ? [[PUBLISHED_MANIFEST, publishedManifest(records)]] : []);
  const { report, made, records, changes } = await writeOutput(outDir, files, publish, plan).catch(asFailure);
  const manifest = createManifest(records, version());
  const paths = [...records.keys()].sort(byUtf8); // records fill in the order writes finish
  const keys = Object.fromEntries(paths.flatMap((p) => (plan.keys?.has(p) ? [[p, plan.keys.get(p)!]] : [])));
  const manifestPath = await writeManifestBeside(outDir, manifest, { ...plan.state, keys }).catch(asFailure);
  return { outDir, paths, digest: manifest.digest, manifest, manifestPath, report, made, changes };
}
