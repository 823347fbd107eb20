import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blogofileSlug } from '../../../src/import/blogofile-url.ts';
import { layoutPaths, listUrls, type OldLayout } from '../../../src/import/lists.ts';
import { readPythonSettings } from '../../../src/import/python-config.ts';
import { configLines, configText } from '../../../src/import/site-config.ts';

describe('old settings as Colophon configuration', () => {
  it("reads _config.py's plain values, under either of Blogofile's names for the blog", () => {
    const settings = readPythonSettings(
      'blog = controllers.blog\nblog.path = "/blog"  # where\nplugins.blog.posts_per_page = 4\n' +
        "site.url = 'http://x.org'\nblog.enabled = True\nblog.other = some_call()\n",
    );
    assert.deepEqual(Object.fromEntries(settings), {
      'blog.path': '/blog',
      'blog.posts_per_page': 4,
      'site.url': 'http://x.org',
      'blog.enabled': true,
    });
  });

  it('writes the settings as a site.config.ts, and as the lines to add to an existing one', () => {
    const text = configText({
      title: "Ada's blog",
      url: 'https://x.org/',
      postsPerPage: 4,
      paths: { index: '/blog/', feeds: { rss: ['/index.xml', '/post/index.xml'] }, tag: undefined },
      aliases: { '/post/': '/' },
      redirects: true,
    }, '../old');
    assert.equal(
      text,
      [
        "// Written by `colophon import` from ../old: the old blog's settings, so every old URL keeps working.",
        "import { defineConfig } from 'colophon';",
        '',
        'export default defineConfig({',
        "  title: 'Ada\\'s blog',",
        "  url: 'https://x.org/',",
        '  postsPerPage: 4,',
        '  paths: {',
        "    index: '/blog/',",
        '    feeds: {',
        "      rss: ['/index.xml', '/post/index.xml'],",
        '    },',
        '  },',
        '  aliases: {',
        "    '/post/': '/',",
        '  },',
        '  redirects: true,',
        '});',
        '',
      ].join('\n'),
    );
    assert.equal(configLines(text)[0], "  title: 'Ada\\'s blog',");
    assert.equal(configLines(text).at(-1), '  redirects: true,');
  });

  it('lists every page of every list and feed, and aliases a term whose old slug Colophon makes differently', () => {
    const layout: OldLayout = {
      perPage: 2,
      index: '/blog/',
      indexPage: '/blog/page/:num/',
      category: {
        page: '/blog/category/:slug/',
        pages: '/blog/category/:slug/page/:num/',
        feeds: { rss: ['/blog/category/:slug/feed/index.xml'] },
        slug: blogofileSlug,
      },
      feeds: { rss: ['/blog/feed/index.xml'] },
    };
    const post = (categories: string[], draft = false) => ({ categories, tags: [], draft });
    const { urls, aliases } = listUrls(layout, [post(['C++']), post(['C++']), post(['C++']), post(['Go'], true)]);
    assert.deepEqual(urls.map((u) => `${u.how} ${u.url}${u.detail ? ` ${u.detail}` : ''}`), [
      'same /blog/',
      'same /blog/page/2/',
      'same /blog/feed/index.xml',
      'alias /blog/category/c++/ /blog/category/c-plus-plus/',
      'alias /blog/category/c++/page/2/ /blog/category/c-plus-plus/page/2/',
      'alias /blog/category/c++/feed/index.xml /blog/category/c-plus-plus/feed/index.xml',
    ]);
    assert.equal(aliases['/blog/category/c++/'], '/blog/category/c-plus-plus/');
    assert.deepEqual(layoutPaths(layout).categoryFeeds, { rss: '/blog/category/:slug/feed/index.xml' });
  });
});
