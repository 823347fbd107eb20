import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPaths, resolvePaths } from '../../../src/config/paths.ts';
import { feedArchivePath } from '../../../src/model/paths.ts';

describe('paths', () => {
  it("defaults to today's layout", () => {
    assert.deepEqual(resolvePaths({}), {
      index: '/',
      indexPage: '/page/:num/',
      category: '/category/:slug/',
      categoryPage: '/category/:slug/page/:num/',
      categories: '/category/',
      tag: '/tag/:slug/',
      tagPage: '/tag/:slug/page/:num/',
      tags: '/tag/',
      archive: '/archive/',
      month: '/archive/:year/:month/',
      monthPage: '/archive/:year/:month/page/:num/',
      feeds: { atom: ['/feed/atom.xml'], rss: ['/feed/rss.xml'], json: ['/feed/feed.json'] },
      categoryFeeds: {
        atom: ['/category/:slug/feed/atom.xml'],
        rss: ['/category/:slug/feed/rss.xml'],
        json: ['/category/:slug/feed/feed.json'],
      },
      tagFeeds: {
        atom: ['/tag/:slug/feed/atom.xml'],
        rss: ['/tag/:slug/feed/rss.xml'],
        json: ['/tag/:slug/feed/feed.json'],
      },
      sitemap: '/sitemap.xml',
    });
  });

  it('derives a key left out from the one it hangs off', () => {
    const paths = resolvePaths({ index: '/blog/', category: 'categories/:slug', archive: '/blog/archive/' });
    assert.equal(paths.indexPage, '/blog/page/:num/');
    assert.deepEqual(paths.feeds.rss, ['/blog/feed/rss.xml']);
    assert.equal(paths.category, '/categories/:slug/');
    assert.equal(paths.categoryPage, '/categories/:slug/page/:num/');
    assert.equal(paths.categories, '/categories/');
    assert.deepEqual(paths.categoryFeeds.atom, ['/categories/:slug/feed/atom.xml']);
    assert.equal(paths.month, '/blog/archive/:year/:month/');
    assert.equal(paths.tag, '/tag/:slug/');
    // A pattern naming its file: what it derives sits in the same folder.
    assert.equal(resolvePaths({ index: '/blog/index.html' }).indexPage, '/blog/page/:num/');
    // A term pattern with its token first has no folder of its own for the index.
    assert.equal(resolvePaths({ tag: '/:slug/' }).tags, '/tag/');
  });

  it('keeps every path given for a feed, the first first', () => {
    const paths = resolvePaths({ feeds: { rss: ['/index.xml', 'post/index.xml'], atom: '/atom.xml' } });
    assert.deepEqual(paths.feeds.rss, ['/index.xml', '/post/index.xml']);
    assert.deepEqual(paths.feeds.atom, ['/atom.xml']);
  });

  it('puts feed archives beside their feed', () => {
    assert.equal(feedArchivePath('/feed/atom.xml', 3), '/feed/archive/3/atom.xml');
    assert.equal(feedArchivePath('/blog/feed/atom/index.xml', 1), '/blog/feed/atom/archive/1/index.xml');
  });

  it('names the key and the reason for a bad pattern', () => {
    const cases: [unknown, RegExp][] = [
      ['/blog/', /must be an object/],
      [{ index: 3 }, /^\.index must be a non-empty string/],
      [{ categry: '/c/:slug/' }, /unknown key "categry"/],
      [{ category: '/c/:name/' }, /^\.category "\/c\/:name\/": unknown token ":name" \(known: :slug\)/],
      [{ category: '/c/' }, /^\.category "\/c\/" must contain :slug/],
      [{ tagPage: '/t/:slug/' }, /^\.tagPage "\/t\/:slug\/" must contain :num/],
      [{ indexPage: '/page/:slug/' }, /unknown token ":slug" \(known: :num\)/],
      [{ archive: '/archive/:year/' }, /this pattern takes none/],
      [{ month: '/archive/:year/' }, /must contain :month/],
      [{ index: '/../x/' }, /"\." or "\.\." segments/],
      [{ tags: 'https://example.org/tags/' }, /not a full URL/],
      [{ sitemap: '/sitemap/' }, /^\.sitemap "\/sitemap\/" must end in a file name/],
      [{ feeds: { atom: '/feed/atom/' } }, /^\.feeds\.atom "\/feed\/atom\/" must end in a file name/],
      [{ feeds: { atom: ['/a.xml', '/b/'] } }, /^\.feeds\.atom\[1\] /],
      [{ feeds: { atom: [] } }, /non-empty list/],
      [{ feeds: { atom: ['/a.xml', '/a.xml'] } }, /names "\/a\.xml" twice/],
      [{ feeds: { atum: '/a.xml' } }, /unknown feed format "atum"/],
      [{ feeds: { rss: '/rss.xml' } }, /^\.feeds\.rss is set, but "feeds" does not publish rss/],
      [{ categoryFeeds: { atom: '/c/feed.xml' } }, /must contain :slug/],
    ];
    for (const [value, expected] of cases) {
      assert.match(checkPaths(value, ['atom']) ?? 'no problem', expected, JSON.stringify(value));
    }
    assert.equal(checkPaths({ feeds: { rss: '/feed/index.xml' }, tagPage: '/t/:slug/:num/' }, ['rss']), undefined);
  });
});
