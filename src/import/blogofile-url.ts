import { pad, type WallTime } from '../lib/zone.ts';

/**
 * Blogofile's URLs: a post's `permalink` (a full URL, or a path on the blog's site), else
 * /:year/:month/:day/:title/ with the title made into a slug. Either way Blogofile wrote the post
 * to index.html in the folder its path names.
 */
export function blogofileSlug(title: string): string {
  const text = title.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  // Non-ASCII letters lose their accents or are dropped; anything outside RFC 1738's safe set is a hyphen.
  const ascii = text.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  return ascii.replace(/[^a-zA-Z0-9$\-_.+!*'(),]/g, '-').toLowerCase();
}

/** The path part of a permalink, without the site's base path: "http://x.org/blog/a/b" is "/a/b/" under "/blog/". */
export function blogofilePermalinkPath(permalink: string, basePath: string): string {
  let path = permalink.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  if (!path.startsWith('/')) path = `/${path}`;
  if (basePath !== '/' && path.startsWith(basePath)) path = `/${path.slice(basePath.length)}`;
  return path.endsWith('/') ? path : `${path}/`;
}

export function folderIndexFile(path: string): string {
  return `${path.replace(/^\/+/, '')}index.html`;
}

/**
 * A post's path from `blog.auto_permalink.path` (default ":blog_path/:year/:month/:day/:title"), as
 * Blogofile filled it in; always a folder. Undefined when the pattern has a token this does not know.
 */
export function blogofileAutoPath(pattern: string, blogPath: string, wall: WallTime, slug: string): string | undefined {
  const values: Record<string, string> = {
    blog_path: blogPath,
    year: pad(wall.year, 4),
    month: pad(wall.month),
    day: pad(wall.day),
    title: slug,
  };
  let unknown = false;
  const path = pattern.replace(/:([a-z_]+)/g, (match, name: string) => values[name] ?? ((unknown = true), match));
  if (unknown) return undefined;
  return `/${path}/`.replace(/\/{2,}/g, '/');
}
