import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { all, buildInMemory, config, post, writeSite } from './support/site.ts';

function site(extra: Record<string, string> = {}): string {
  return writeSite({
    'site.config.ts': config({
      title: 'T',
      url: 'https://example.org/blog/',
      timezone: 'America/Los_Angeles',
      postsPerPage: 1,
    }),
    'content/posts/a.md': post({ title: 'A', date: '2020-01-01 10:00', categories: 'Кофе' }),
    'content/posts/b.md': post({
      title: 'B',
      date: '2020-02-01 10:00',
      updated: '2020-03-05 08:30',
      categories: 'Кофе',
    }),
    'content/about.md': post({ title: 'About' }),
    'content/colophon.md': post({ title: 'Colophon', updated: '2021-01-01' }),
    ...extra,
  });
}

describe('sitemap.xml', () => {
  it('lists every page by absolute URL, sorted, with lastmod from post dates', async () => {
    const built = await buildInMemory(site());
    const xml = built.read('sitemap.xml');
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">\n/,
    );
    const urls = all(xml, /<url>(.*?)<\/url>/g);
    assert.deepEqual(urls, [
      '<loc>https://example.org/blog/</loc><lastmod>2020-03-05T08:30:00-08:00</lastmod>',
      '<loc>https://example.org/blog/2020/01/01/a/</loc><lastmod>2020-01-01T10:00:00-08:00</lastmod>',
      '<loc>https://example.org/blog/2020/02/01/b/</loc><lastmod>2020-03-05T08:30:00-08:00</lastmod>',
      '<loc>https://example.org/blog/about/</loc>',
      '<loc>https://example.org/blog/archive/</loc><lastmod>2020-03-05T08:30:00-08:00</lastmod>',
      '<loc>https://example.org/blog/archive/2020/01/</loc><lastmod>2020-01-01T10:00:00-08:00</lastmod>',
      '<loc>https://example.org/blog/archive/2020/02/</loc><lastmod>2020-03-05T08:30:00-08:00</lastmod>',
      '<loc>https://example.org/blog/category/</loc><lastmod>2020-03-05T08:30:00-08:00</lastmod>',
      '<loc>https://example.org/blog/category/%D0%BA%D0%BE%D1%84%D0%B5/</loc><lastmod>2020-03-05T08:30:00-08:00</lastmod>',
      '<loc>https://example.org/blog/category/%D0%BA%D0%BE%D1%84%D0%B5/page/2/</loc><lastmod>2020-01-01T10:00:00-08:00</lastmod>',
      '<loc>https://example.org/blog/colophon/</loc><lastmod>2021-01-01T00:00:00-08:00</lastmod>',
      '<loc>https://example.org/blog/page/2/</loc><lastmod>2020-01-01T10:00:00-08:00</lastmod>',
    ]);
    assert.doesNotMatch(xml, /404/);
  });
});

describe('404.html', () => {
  it('is rendered from layouts/404.eta with root-relative links under the base path', async () => {
    const built = await buildInMemory(site());
    const html = built.read('404.html');
    assert.match(html, /<title>Page not found — T<\/title>/);
    assert.match(html, /<a href="\/blog\/">front page<\/a>/);
    assert.match(html, /<a href="\/blog\/archive\/">archive<\/a>/);
    assert.doesNotMatch(html, /rel="canonical"/, 'it stands for many addresses, so it names none');
  });

  it("takes the site's own layouts/404.eta", async () => {
    const built = await buildInMemory(
      site({ 'layouts/404.eta': '<% layout(\'@base\') %><p class="lost">Lost at <%= it.site.title %>.</p>\n' }),
    );
    assert.match(built.read('404.html'), /<p class="lost">Lost at T\.<\/p>/);
  });

  it('gives way to a 404.html or sitemap.xml in public/', async () => {
    const built = await buildInMemory(site({ 'public/404.html': 'mine\n', 'public/sitemap.xml': '<urlset/>\n' }));
    assert.equal(built.read('404.html'), 'mine\n');
    assert.equal(built.read('sitemap.xml'), '<urlset/>\n');
  });
});

describe('robots.txt', () => {
  it('is copied from public/ when there is one, and never made up', async () => {
    const without = await buildInMemory(site());
    assert.equal(without.has('robots.txt'), false);
    const robots = 'User-agent: *\nSitemap: https://example.org/blog/sitemap.xml\n';
    const withRobots = await buildInMemory(site({ 'public/robots.txt': robots }));
    assert.equal(withRobots.read('robots.txt'), robots);
  });
});
