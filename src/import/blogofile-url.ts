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

export function blogofileDefaultPath(wall: WallTime, slug: string): string {
  return `/${pad(wall.year, 4)}/${pad(wall.month)}/${pad(wall.day)}/${slug}/`;
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
