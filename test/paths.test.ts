import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../src/check/check.ts';
import { readXml } from '../src/deps/html-parser.ts';
import { all, buildFails, buildInMemory } from './support/site.ts';
import { movedSite } from './support/moved-site.ts';

const selfLink = (xml: string) => /<(?:atom:)?link[^>]*rel="self"[^>]*>/.exec(xml)?.[0]?.match(/href="([^"]+)"/)?.[1];

describe('paths: lists and feeds where the config puts them', () => {
  it('writes every list, feed and the sitemap at its configured path, and nothing at the default ones', async () => {
    const site = await buildInMemory(movedSite());
    for (
      const path of [
        'blog/index.html',
        'blog/page/2/index.html',
        'blog/page/4/index.html',
        'blog/category/index.html',
        'blog/category/even/index.html',
        'blog/category/even/2/index.html',
        'blog/category/odd-ones/feed/index.xml',
        'blog/category/odd-ones/feed/atom/index.xml',
        'blog/tags/index.html',
        'blog/tag/shared/index.html',
        'blog/tag/shared/p2.html',
        'blog/tag/shared/atom.xml',
        'blog/archive/index.html',
        'blog/2024/01/index.html',
        'blog/2024/01/page/2/index.html',
        'blog/feed/index.xml',
        'index.xml',
        'post/index.xml',
        'blog/feed/atom/index.xml',
        'blog/feed/atom/archive/1/index.xml',
        'blog/feed/archive/1/index.xml',
        'blog/feed/feed.json',
        'blog/sitemap.xml',
        '2009/08/alpha.html',
      ]
    ) assert.ok(site.output.has(path), `${path} is written`);
    for (const path of ['index.html', 'page/2/index.html', 'category/index.html', 'feed/atom.xml', 'sitemap.xml']) {
      assert.ok(!site.output.has(path), `nothing at the default ${path}`);
    }
    assert.ok(!site.paths.some((p) => /^(?:tag|category|archive|feed)\//.test(p)), site.paths.join(' '));
    // Copies of a feed are not archived again: the archives sit beside the first path only.
    assert.ok(!site.paths.some((p) => p.startsWith('post/archive/') || p.startsWith('archive/')));
  });

  it('links between them, feeds included, all lead somewhere (colophon check)', async () => {
    const dir = movedSite();
    const report = await check(dir);
    assert.deepEqual(report.problems.filter((p) => p.level === 'error'), []);
    const site = await buildInMemory(dir);
    const front = site.read('blog/index.html');
    assert.deepEqual(all(front, /<link rel="alternate" type="[^"]+" [^>]*href="([^"]+)"/g), [
      '/blog/feed/index.xml',
      '/blog/feed/atom/index.xml',
      '/blog/feed/feed.json',
    ]);
    assert.match(front, /href="\/blog\/page\/2\/"/);
    assert.match(front, /href="\/blog\/archive\/"/); // the header's archive link
    assert.match(site.read('blog/page/2/index.html'), /href="\/blog\/"/);
    const category = site.read('blog/category/even/index.html');
    assert.match(category, /href="\/blog\/category\/even\/2\/"/);
    assert.match(category, /href="\/blog\/category\/even\/feed\/atom\/index.xml"/);
    assert.match(site.read('blog/tag/shared/index.html'), /href="\/blog\/tag\/shared\/p2.html"/);
    const post = site.read(site.site.posts[0]!.output);
    assert.match(post, /href="\/blog\/category\/(?:even|odd-ones)\/"/);
    assert.match(site.read('blog/sitemap.xml'), /<loc>https:\/\/moved.example\/blog\/category\/even\/2\/<\/loc>/);
    assert.equal(
      site.read('_redirects'),
      '/2009/08/alpha.html /blog/2024/01/10/alpha.html 301\n/atom.xml /blog/feed/atom/index.xml 301\n',
    );
  });

  it('gives each copy of a feed its own self link, and archives the links RFC 5005 asks for', async () => {
    const site = await buildInMemory(movedSite());
    for (const path of ['blog/feed/index.xml', 'index.xml', 'post/index.xml']) {
      const xml = site.read(path);
      assert.equal(readXml(xml)?.name, 'rss', path);
      assert.equal(selfLink(xml), `https://moved.example/${path}`);
      assert.match(xml, /rel="prev-archive" href="https:\/\/moved.example\/blog\/feed\/archive\/3\/index.xml"/);
    }
    const atom = site.read('blog/feed/atom/index.xml');
    assert.equal(readXml(atom)?.name, 'feed');
    assert.equal(selfLink(atom), 'https://moved.example/blog/feed/atom/index.xml');
    assert.match(atom, /<link rel="alternate" href="https:\/\/moved.example\/blog\/"/);
    const archive = site.read('blog/feed/atom/archive/1/index.xml');
    assert.match(archive, /rel="current" href="https:\/\/moved.example\/blog\/feed\/atom\/index.xml"/);
    assert.match(archive, /rel="next-archive" href="https:\/\/moved.example\/blog\/feed\/atom\/archive\/2\/index.xml"/);
    assert.equal(JSON.parse(site.read('blog/feed/feed.json')).feed_url, 'https://moved.example/blog/feed/feed.json');
  });

  it('reports a list that lands on a page as a collision', async () => {
    const failure = await buildFails(movedSite({}, { 'content/blog/tags.md': '---\ntitle: Tags\n---\nMine.\n' }));
    assert.deepEqual(failure.errors.map((e) => e.code), ['E_COLLISION']);
    assert.match(
      failure.errors[0]!.message,
      /content\/blog\/tags\.md and the tag index would all be written to blog\/tags\/index\.html/,
    );
  });

  it('names the key of a bad pattern', async () => {
    const failure = await buildFails(movedSite({ paths: { categoryPage: '/blog/category/:slug/page/' } }));
    assert.deepEqual(failure.errors.map((e) => e.code), ['E_CONFIG_KEY']);
    assert.match(
      failure.errors[0]!.message,
      /"paths" \.categoryPage "\/blog\/category\/:slug\/page\/" must contain :num/,
    );
  });
});
