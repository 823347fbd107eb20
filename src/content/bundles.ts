/**
 * Page bundles: a folder holding `index.md` is one post or page, and the other files in it (and in
 * its subfolders that are not bundles of their own) are published beside its page. Markdown files
 * stay sources, as everywhere under content/.
 */

/** The content paths ("content/posts/trip/photo.jpg") of every bundle's files, given every file under content/. */
export function bundledFiles(contentPaths: readonly string[]): string[] {
  const folders = new Set(contentPaths.filter(isBundleIndex).map(folderOf));
  return contentPaths.filter((path) => !path.toLowerCase().endsWith('.md') && bundleOf(path, folders) !== undefined);
}

/** The folder ("content/posts/trip/") of the bundle a file belongs to, among these bundle folders. */
export function bundleOf(path: string, folders: ReadonlySet<string>): string | undefined {
  for (let end = path.lastIndexOf('/'); end > 0; end = path.lastIndexOf('/', end - 1)) {
    const folder = path.slice(0, end + 1);
    if (folders.has(folder)) return folder;
  }
  return undefined;
}

/** A folder's index.md, except the two whose folders hold every post or every page. */
export function isBundleIndex(path: string): boolean {
  return path.endsWith('/index.md') && path !== 'content/index.md' && path !== 'content/posts/index.md';
}

/** "content/posts/trip/index.md" -> "content/posts/trip/" */
export function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** The name a source's slug and date come from: its file's, or for a bundle's index.md, its folder's. */
export function nameForSlug(path: string): string {
  const parts = path.split('/');
  const file = parts[parts.length - 1]!;
  return file === 'index.md' && parts.length > 2 ? `${parts[parts.length - 2]!}.md` : file;
}
