import type { Config } from './config.ts';
import { rewriteUrls, underBase } from './html.ts';
import type { Category, ListPage, Post } from './site.ts';
import { createZone, formatIso, formatLong, type Zone } from './zone.ts';

/** What templates see. Everything is ready to print: hrefs carry the base path, dates are formatted. */
export interface SiteView {
  title: string;
  description: string;
  url: string;
  basePath: string;
  author: Config['author'];
  home: string;
  feed: string;
}

export interface LinkView {
  title: string;
  href: string;
}

export interface PostView {
  title: string;
  href: string;
  url: string; // absolute
  date: { iso: string; text: string };
  updated: { iso: string; text: string };
  categories: { name: string; href: string }[];
  html: string;
  draft: boolean;
  data: Record<string, unknown>;
}

export interface ViewKit {
  zone: Zone;
  site: SiteView;
  href(path: string): string;
  absolute(path: string): string;
  post(post: Post, html: string): PostView;
  bodyLinks(html: string): string;
  listTitle(list: ListPage): string;
}

export function createViewKit(config: Config): ViewKit {
  const zone = createZone(config.timezone);
  const href = (path: string) => encodeURI(config.basePath + path.replace(/^\//, ''));
  const absolute = (path: string) => new URL(href(path), config.url).href;
  const when = (epochMs: number) => ({ iso: formatIso(zone, epochMs), text: formatLong(zone.wallTime(epochMs)) });
  const categoryLink = (c: Category) => ({ name: c.name, href: href(c.path) });
  return {
    zone,
    site: {
      title: config.title,
      description: config.description,
      url: config.url,
      basePath: config.basePath,
      author: config.author,
      home: href('/'),
      feed: href('/feed/atom.xml'),
    },
    href,
    absolute,
    bodyLinks: (html) => rewriteUrls(html, underBase(config.basePath)),
    post: (post, html) => ({
      title: post.source.title,
      href: href(post.path),
      url: absolute(post.path),
      date: when(post.date),
      updated: when(post.updated),
      categories: post.categories.map(categoryLink),
      html,
      draft: post.source.draft,
      data: post.source.data,
    }),
    listTitle: (list) => {
      const base = list.kind === 'index' ? config.title : `${list.category!.name} — ${config.title}`;
      return list.number === 1 ? base : `${base} (page ${list.number})`;
    },
  };
}
