import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { check } from '../src/check/check.ts';
import { serve } from '../src/serve/server.ts';
import { buildFails, buildInMemory, config, post, writeSite } from './support/site.ts';

/** A blog under /blog/ whose posts, page and old feed moved; `fields` and `extra` change it. */
function movedIn(fields: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  return writeSite({
    'site.config.ts': config({
      title: 'Kept',
      url: 'https://kept.example/blog/',
      language: 'de',
      aliases: { '/post/': '/', '/atom.xml': '/feed/atom.xml' },
      redirects: true,
      ...fields,
    }),
    'content/posts/2024-01-01-new-name.md': post(
      { title: 'New name', aliases: '["/2009/08/old-slug.html", "old", "/old/"]' },
      '## Section\n\nText.\n',
    ),
    'content/posts/2024-01-02-other.md': post(
      { title: 'Other' },
      'See [old](/old/#section), [older](/2009/08/old-slug.html) and [moved](/about-us/).\n',
    ),
    'content/about.md': post({ title: 'About', aliases: 'about-us' }, 'About.\n'),
    ...extra,
  });
}

const metas = (html: string) => ({
  refresh: /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1],
  canonical: /<link rel="canonical" href="([^"]+)">/.exec(html)?.[1],
  noindex: /<meta name="robots" content="noindex">/.test(html),
  link: /<a href="([^"]+)">/.exec(html)?.[1],
  lang: /<html lang="([^"]+)">/.exec(html)?.[1],
});

describe('aliases and redirects', () => {
  it('leaves a redirect page at every old HTML path, and every redirect in _redirects', async () => {
    const site = await buildInMemory(movedIn());
    const target = '/blog/2024/01/01/new-name/';
    for (const old of ['2009/08/old-slug.html', 'old/index.html']) {
      assert.deepEqual(metas(site.read(old)), {
        refresh: target,
        canonical: `https://kept.example${target}`,
        noindex: true,
        link: target,
        lang: 'de',
      });
    }
    assert.equal(metas(site.read('about-us/index.html')).refresh, '/blog/about/');
    assert.equal(metas(site.read('post/index.html')).refresh, '/blog/');
    assert.ok(!site.output.has('atom.xml'), 'a feed alias is only a _redirects line');
    assert.equal(
      site.read('_redirects'),
      [
        '/blog/2009/08/old-slug.html /blog/2024/01/01/new-name/ 301',
        '/blog/about-us/ /blog/about/ 301',
        '/blog/atom.xml /blog/feed/atom.xml 301',
        '/blog/old/ /blog/2024/01/01/new-name/ 301',
        '/blog/post/ /blog/ 301',
        '',
      ].join('\n'),
    );
    const sitemap = site.read('sitemap.xml');
    assert.match(sitemap, /new-name/);
    assert.doesNotMatch(sitemap, /old|about-us|\/post\//);
    assert.deepEqual(site.read('feed/atom.xml').match(/<id>[^<]+<\/id>/g)!.slice(1), [
      '<id>https://kept.example/blog/2024/01/02/other/</id>',
      '<id>https://kept.example/blog/2024/01/01/new-name/</id>',
    ]);
  });

  it('keeps redirect pages out of the search index', async () => {
    const site = await buildInMemory(movedIn({ search: true }));
    const indexed = [...(await site.search!.build()).pages.keys()].sort();
    assert.deepEqual(indexed, ['2024/01/01/new-name/index.html', '2024/01/02/other/index.html', 'about/index.html']);
    assert.ok(site.output.has('old/index.html'));
  });

  it('is followed by colophon check, fragment and all', async () => {
    const dir = movedIn();
    assert.deepEqual((await check(dir)).problems, []);
    const broken = movedIn({}, {
      'content/posts/2024-01-03-third.md': post({ title: 'Third' }, 'A [gone part](/old/#nope).\n'),
    });
    const problems = (await check(broken)).problems;
    assert.deepEqual(problems.map((p) => [p.kind, p.target, p.origin?.file]), [
      [
        'broken-fragment',
        '/blog/old/#nope (a redirect to /blog/2024/01/01/new-name/#nope)',
        'content/posts/2024-01-03-third.md',
      ],
    ]);
  });

  it('is served by colophon serve, and an old feed path answers with a 301', async () => {
    const server = await serve(movedIn(), { port: 0, host: '127.0.0.1', log: () => {} });
    try {
      const get = (path: string) =>
        new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
          const { hostname, port } = new URL(server.url);
          request({ hostname, port, path }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, location: res.headers.location, body }));
          }).on('error', reject).end();
        });
      const page = await get('/blog/2009/08/old-slug.html');
      assert.equal(page.status, 200);
      assert.equal(metas(page.body).refresh, '/blog/2024/01/01/new-name/');
      assert.deepEqual(await get('/blog/atom.xml').then((r) => [r.status, r.location]), [301, '/blog/feed/atom.xml']);
    } finally {
      await server.close();
    }
  });

  it('refuses an alias only _redirects can keep unless redirects is on', async () => {
    const fromConfig = await buildFails(movedIn({ redirects: false }));
    assert.deepEqual(fromConfig.errors.map((e) => e.code), ['E_CONFIG_KEY']);
    assert.match(fromConfig.errors[0]!.message, /"aliases" "\/atom\.xml" is not an HTML page.*`redirects: true`/);
    const fromPost = await buildFails(movedIn({ redirects: false, aliases: {} }, {
      'content/posts/2024-01-03-feed.md': post({ title: 'Feed', aliases: '/feed.xml' }),
    }));
    assert.deepEqual(fromPost.errors.map((e) => [e.code, e.file]), [
      ['E_FRONTMATTER_FIELD', 'content/posts/2024-01-03-feed.md'],
    ]);
    assert.match(fromPost.errors[0]!.message, /the alias "\/feed\.xml" is not an HTML page/);
  });

  it('reports an alias that lands on a post as a collision, and a config alias that leads nowhere', async () => {
    const collision = await buildFails(movedIn({}, {
      'content/posts/2024-01-03-third.md': post({ title: 'Third', aliases: '/2024/01/02/other/' }),
    }));
    assert.deepEqual(collision.errors.map((e) => e.code), ['E_COLLISION']);
    assert.match(
      collision.errors[0]!.message,
      /content\/posts\/2024-01-02-other\.md and content\/posts\/2024-01-03-third\.md \(the alias \/2024\/01\/02\/other\/\) would all be written to 2024\/01\/02\/other\/index\.html/,
    );
    const nowhere = await buildFails(movedIn({ aliases: { '/x/': '/nothing/' } }));
    assert.match(
      nowhere.errors.map((e) => `${e.code} ${e.message}`).join('\n'),
      /E_CONFIG_KEY "aliases" "\/x\/" leads to "\/nothing\/"/,
    );
  });

  it('checks the form of each alias', async () => {
    const cases: [string, RegExp][] = [
      ['https://elsewhere.example/x/', /"aliases" "https:\/\/elsewhere.example\/x\/" must be a path, not a full URL/],
      ['"/a/?b=1"', /without a query or fragment/],
      ['/a/../b/', /"\." or "\.\." segments/],
      ['/', /the site's root/],
    ];
    for (const [value, expected] of cases) {
      const failure = await buildFails(
        movedIn({}, { 'content/posts/2024-01-03-x.md': post({ title: 'X', aliases: value }) }),
      );
      assert.equal(failure.errors[0]!.code, 'E_FRONTMATTER_FIELD');
      assert.match(failure.errors[0]!.message, expected);
    }
    const config = await buildFails(movedIn({ aliases: { '/old/': 'new/' } }));
    assert.match(config.errors[0]!.message, /"aliases" "\/old\/" must lead to a path of the site/);
  });
});
