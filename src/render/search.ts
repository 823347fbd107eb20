import { type BundleFile, indexPages, PagefindFailure } from '../deps/pagefind.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { byUtf8 } from '../lib/order.ts';
import { SEARCH_FOLDER } from '../model/collisions.ts';
import type { Site } from '../model/types.ts';
import { produce } from './produce.ts';
import type { OutputBytes, Producers } from './types.ts';

/** The search index of one generation of the site: made on first use, then the same each time. */
export interface SearchIndex {
  /**
   * Pagefind's files, by output path (`pagefind/...`), and the pages it read to make them, which
   * are the bytes those pages' producers give: a build writes them as they are instead of
   * rendering them twice. Throws BuildFailure: a page's template error, or E_SEARCH.
   */
  build(): Promise<{ files: Producers; pages: OutputBytes }>;
}

/**
 * Posts and standalone pages are indexed (lists and archives only repeat them), from the output
 * itself: every producer's bytes, transforms applied. They are given to Pagefind in the UTF-8
 * order of their output paths whatever order the producers are in, so the index is the same bytes
 * for the same pages; each page's URL is its path on the site without the base path, which
 * Pagefind's script adds from where it is served.
 */
export function searchIndex(site: Site, files: Producers): SearchIndex {
  let made: ReturnType<SearchIndex['build']> | undefined;
  const owners = [...site.posts, ...site.pages].filter((p) => files.has(p.output));
  return {
    build: () => (made ??= make(owners.sort((a, b) => byUtf8(a.output, b.output)), files, site.config.language)),
  };
}

async function make(
  owners: { path: string; output: string }[],
  files: Producers,
  language: string,
): Promise<{ files: Producers; pages: OutputBytes }> {
  const pages: OutputBytes = new Map();
  const errors: ColophonError[] = [];
  for (const { output } of owners) {
    const bytes = produce(files.get(output)!);
    if (bytes instanceof ColophonError) errors.push(bytes);
    else pages.set(output, bytes);
  }
  if (errors.length > 0) throw new BuildFailure(errors);
  const decoder = new TextDecoder();
  const indexed = owners.map(({ path, output }) => ({ url: encodeURI(path), html: decoder.decode(pages.get(output)) }));
  let bundle: BundleFile[];
  try {
    bundle = await indexPages(indexed, language);
  } catch (error) {
    if (!(error instanceof PagefindFailure)) throw error;
    throw new BuildFailure([new ColophonError('E_SEARCH', `Pagefind ${error.message}`)]);
  }
  const out: Producers = new Map();
  for (const file of bundle.sort((a, b) => byUtf8(a.path, b.path))) {
    out.set(`${SEARCH_FOLDER}/${file.path}`, () => file.bytes);
  }
  return { files: out, pages };
}
