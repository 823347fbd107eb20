import { config, post, writeSite } from './site.ts';

/**
 * Every `paths` key moved: a Blogofile-like blog under /blog/ (feeds served from index.xml), with a
 * Hugo-like site feed at /index.xml and a second copy at /post/index.xml. Seven posts, two a page;
 * the first one has an old .html path, and the old /atom.xml leads to the Atom feed in _redirects.
 */
export const MOVED_PATHS = {
  index: '/blog/',
  indexPage: '/blog/page/:num/',
  category: '/blog/category/:slug/',
  categoryPage: '/blog/category/:slug/:num/',
  categories: '/blog/category/',
  tag: '/blog/tag/:slug/',
  tagPage: '/blog/tag/:slug/p:num.html',
  tags: '/blog/tags/',
  archive: '/blog/archive/',
  month: '/blog/:year/:month/',
  feeds: {
    rss: ['/blog/feed/index.xml', '/index.xml', '/post/index.xml'],
    atom: '/blog/feed/atom/index.xml',
    json: '/blog/feed/feed.json',
  },
  categoryFeeds: { rss: '/blog/category/:slug/feed/index.xml', atom: '/blog/category/:slug/feed/atom/index.xml' },
  tagFeeds: { atom: '/blog/tag/:slug/atom.xml' },
  sitemap: '/blog/sitemap.xml',
};

export function movedSite(fields: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  const posts: Record<string, string> = {};
  const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'];
  names.forEach((name, i) => {
    posts[`content/posts/2024-0${1 + (i % 3)}-1${i}-${name}.md`] = post(
      {
        title: name[0]!.toUpperCase() + name.slice(1),
        categories: i % 2 ? 'Odd Ones' : 'Even',
        tags: '[shared]',
        ...(i === 0 ? { aliases: `/2009/08/${name}.html` } : {}),
      },
      `Post ${name}, see [the archive](/blog/archive/) and [the about page](/about/).\n`,
    );
  });
  return writeSite({
    'site.config.ts': config({
      title: 'Moved',
      url: 'https://moved.example/',
      permalink: '/blog/:year/:month/:day/:slug.html',
      postsPerPage: 2,
      feedEntries: 2,
      feeds: ['rss', 'atom', 'json'],
      feedArchives: true,
      paths: MOVED_PATHS,
      aliases: { '/atom.xml': '/blog/feed/atom/index.xml' },
      redirects: true,
      ...fields,
    }),
    'content/about.md': post({ title: 'About' }, 'About this blog: [its front page](/blog/).\n'),
    ...posts,
    ...extra,
  });
}
