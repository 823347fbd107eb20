import type { Config } from '../config/types.ts';
import { readSource } from '../content/source.ts';
import { ColophonError } from '../lib/errors.ts';
import { slugify } from '../lib/slug.ts';
import type { Zone } from '../lib/zone.ts';
import { expandPermalink, outputPathFor } from '../model/permalink.ts';

export type Placement = { path: string; output: string } | { problem: string };

/**
 * Where Colophon would put a post file with this text: read as a build reads it (so anything a
 * build would reject is found here), and its URL made as src/site.ts makePost makes it.
 */
export function colophonPlacement(config: Config, zone: Zone, target: string, text: string): Placement {
  const source = readSource(target, text, zone);
  if (source instanceof ColophonError) return { problem: source.message };
  const category = source.categories.map((name) => slugify(name)).find((slug) => slug !== '') ?? 'uncategorized';
  const path = expandPermalink(source.permalink ?? config.permalink, {
    wall: zone.wallTime(source.date!),
    slug: source.slug,
    category,
  });
  return { path, output: outputPathFor(path) };
}

/** The permalink that makes Colophon write exactly this output file: "a/b/index.html" is "/a/b/". */
export function permalinkForFile(file: string): string {
  return `/${file.endsWith('/index.html') || file === 'index.html' ? file.slice(0, -'index.html'.length) : file}`;
}
