import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { outputPathFor } from './permalink.ts';
import type { ListPage, Site } from './types.ts';

/** The file `redirects: true` writes, which Netlify and Cloudflare Pages read. */
export const REDIRECTS_FILE = '_redirects';

/** The output folder of the search index: Pagefind's own name, which its script looks for. */
export const SEARCH_FOLDER = 'pagefind';

/** Two things that would be written to one output path: an error naming every source involved. */
export function findCollisions(site: Site): ColophonError[] {
  // Case-folded: on macOS and Windows "Hello/" and "hello/" are one folder, and a site must build
  // the same everywhere.
  const owners = new Map<string, { output: string; list: string[] }>();
  const claim = (output: string, owner: string) => {
    const key = output.toLowerCase();
    const entry = owners.get(key) ?? owners.set(key, { output, list: [] }).get(key)!;
    entry.list.push(owner);
  };
  for (const post of site.posts) claim(post.output, post.source.path);
  for (const page of site.pages) claim(page.output, page.source.path);
  for (const list of site.lists) claim(list.output, `${listOwner(list)}, page ${list.number}`);
  claim(site.archive.output, 'the archive page');
  for (const index of site.indexes) claim(index.output, `the ${index.kind === 'tags' ? 'tag' : 'category'} index`);
  for (const feed of site.feeds) claim(feed.output, `the feed ${feed.path}`);
  if (site.generated.includes(site.sitemap.output)) claim(site.sitemap.output, 'the sitemap');
  for (const r of site.redirects) claim(r.output ?? outputPathFor(r.from), `${r.file} (the alias ${r.from})`);
  if (site.config.redirects) claim(REDIRECTS_FILE, 'the _redirects file (redirects: true)');
  for (const asset of site.assets) claim(asset.path, `public/${asset.path}`);
  for (const file of site.bundleFiles) claim(file.output, file.source);
  const errors: ColophonError[] = [];
  for (const { output, list } of owners.values()) {
    // With search on, Pagefind's files (named by their contents) fill pagefind/: nothing else may go there.
    if (site.config.search && output.toLowerCase().startsWith(`${SEARCH_FOLDER}/`)) {
      errors.push(collisionError([...list, `the search index (${SEARCH_FOLDER}/)`], output));
    } else if (list.length > 1) errors.push(collisionError(list, output));
  }
  return errors;
}

function listOwner(list: ListPage): string {
  if (list.category) return `the category page "${list.category.name}"`;
  if (list.tag) return `the tag page "${list.tag.name}"`;
  return list.month ? `the archive of ${list.month.key}` : 'the front index';
}

function collisionError(owners: string[], output: string): ColophonError {
  const all = [...owners].sort(compareText);
  const files = all.filter((o) => o.startsWith('content/') || o.startsWith('public/'));
  return new ColophonError('E_COLLISION', `${all.join(' and ')} would all be written to ${output}`, { file: files[0] });
}
