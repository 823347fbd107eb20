import { checkUrlPath, normalizeUrlPath } from './permalink-pattern.ts';

/**
 * Aliases: old URL paths of the site that lead to where a post, page, list or feed lives now. They
 * are site-relative like permalinks (the base path is added when printed) and written as given,
 * with a leading slash and, unless the last segment names a file, a trailing one.
 */
export const normalizeAlias = normalizeUrlPath;

/** Why an alias cannot be used, else undefined. */
export function checkAlias(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'must be a path such as "/2009/08/old-slug.html"';
  if (/[?#]/.test(value)) return `"${value}" must be a path alone, without a query or fragment`;
  if (normalizeAlias(value) === '/') return `"${value}" is the site's root, which is the front index or a page`;
  const problem = checkUrlPath(value);
  return problem ? `"${value}" ${problem}` : undefined;
}

/** An old path a redirect page can stand at: a folder ("/old/") or an .html file. Others need _redirects. */
export const isHtmlPath = (path: string) => path.endsWith('/') || /\.html?$/i.test(path);

/** The reason an alias is refused without `redirects: true`. */
export const NEEDS_REDIRECTS = 'is not an HTML page, so only a _redirects line can lead on from it: ' +
  'set `redirects: true`, or keep the file at its old path with `paths`';

/** Config `aliases`: { old path: the path it now lives at }; `redirects` is the config's. */
export function checkConfigAliases(value: unknown, redirects: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of old path to new path, such as { "/atom.xml": "/feed/atom.xml" }';
  }
  for (const [from, to] of Object.entries(value)) {
    const problem = checkAlias(from);
    if (problem) return problem;
    if (typeof to !== 'string' || !to.startsWith('/') || checkUrlPath(to) !== undefined || /[?#]/.test(to)) {
      return `"${from}" must lead to a path of the site such as "/feed/atom.xml", not ${JSON.stringify(to)}`;
    }
    if (!redirects && !isHtmlPath(normalizeAlias(from))) return `"${from}" ${NEEDS_REDIRECTS}`;
  }
  return undefined;
}
