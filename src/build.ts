import { writeOutputFolder, type WrittenOutput } from './output/folder.ts';
import { trackPosts } from './output/progress.ts';
import { type BuildOptions, createPipeline, type Generated } from './pipeline.ts';

/** What `build` did: the site as generated, and what writing its output folder did. */
export interface BuildResult extends Generated, WrittenOutput {}

/** Sources to a map of output producers. Throws BuildFailure with every error found so far. */
export async function generate(siteDir: string, options: BuildOptions = {}): Promise<Generated> {
  return createPipeline(siteDir, options).refresh();
}

/** generate, then write the output folder; a failure leaves the previous output as it was. */
export async function build(siteDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const generated = await generate(siteDir, options);
  const { onProgress } = options;
  const posts = generated.site.posts.map((p) => p.output);
  const files = onProgress ? trackPosts(generated.files, posts, onProgress) : generated.files;
  return { ...generated, ...(await writeOutputFolder(generated.config, files)) };
}
