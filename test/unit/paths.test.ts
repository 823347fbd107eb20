import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { siteDigest } from '../../src/lib/digest.ts';
import { neighbours, pagePath, paginate } from '../../src/model/paginate.ts';
import { checkPermalinkPattern } from '../../src/config/permalink-pattern.ts';
import { expandPermalink, outputPathFor } from '../../src/model/permalink.ts';
import { slugFromFileName, slugify } from '../../src/lib/slug.ts';

describe('slugify', () => {
  it('lower-cases, drops Latin accents, keeps other scripts and joins words with hyphens', () => {
    assert.equal(slugify('Getting Started'), 'getting-started');
    assert.equal(slugify('Café Crème'), 'cafe-creme');
    assert.equal(slugify('日本語 ブログ'), '日本語-ブログ');
    assert.equal(slugify('C++ & C#'), 'c-plus-plus-and-c-sharp');
    assert.equal(slugify('  --Docker--  '), 'docker');
    assert.equal(slugify('../'), '');
  });

  it('takes a slug from a file name without its date prefix', () => {
    assert.equal(slugFromFileName('2014-10-13-Hello World.md'), 'hello-world');
    assert.equal(slugFromFileName('notes.md'), 'notes');
  });
});

describe('permalinks', () => {
  const wall = { year: 2014, month: 3, day: 9, hour: 7, minute: 5, second: 0 };
  it('expands tokens with zero padding and normalises slashes', () => {
    assert.equal(expandPermalink('/:year/:month/:day/:slug/', { wall, slug: 'x', category: 'c' }), '/2014/03/09/x/');
    assert.equal(expandPermalink(':category/:slug', { wall, slug: 'x', category: 'c' }), '/c/x/');
    assert.equal(expandPermalink('/:year/:hour:minute-:slug.html', { wall, slug: 'x', category: 'c' }), '/2014/0705-x.html');
  });

  it('rejects unknown tokens and paths that could leave the output folder', () => {
    assert.match(checkPermalinkPattern('/:yeer/')!, /unknown token ":yeer"/);
    assert.match(checkPermalinkPattern('/../x/')!, /"\.\."/);
    assert.match(checkPermalinkPattern('https://evil.example/x')!, /full URL/);
    assert.match(checkPermalinkPattern('//evil.example/x')!, /full URL/);
    assert.equal(checkPermalinkPattern('/blog/:slug/'), undefined);
  });

  it('maps URL paths to output files', () => {
    assert.equal(outputPathFor('/'), 'index.html');
    assert.equal(outputPathFor('/a/b/'), 'a/b/index.html');
    assert.equal(outputPathFor('/feed/atom.xml'), 'feed/atom.xml');
  });
});

describe('pagination', () => {
  it('always has a first page and splits at perPage', () => {
    assert.deepEqual(paginate([], 5).map((p) => p.items), [[]]);
    assert.deepEqual(paginate([1, 2, 3], 3).map((p) => p.items), [[1, 2, 3]]);
    assert.deepEqual(paginate([1, 2, 3, 4], 3).map((p) => [p.number, p.count, p.items]), [[1, 2, [1, 2, 3]], [2, 2, [4]]]);
  });

  it('names page paths and neighbours plainly', () => {
    assert.equal(pagePath('/', 1), '/');
    assert.equal(pagePath('/category/x/', 3), '/category/x/page/3/');
    assert.deepEqual(neighbours(['new', 'mid', 'old'], 1), { newer: 'new', older: 'old' });
    assert.deepEqual(neighbours(['new', 'old'], 0), { newer: undefined, older: 'old' });
  });
});

describe('siteDigest', () => {
  it('hashes sha256sum-style lines sorted by UTF-8 bytes, not by code units', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const a = siteDigest(new Map([['b', enc('1')], ['a', enc('2')]]));
    const b = siteDigest(new Map([['a', enc('2')], ['b', enc('1')]]));
    assert.equal(a, b);
    assert.notEqual(a, siteDigest(new Map([['a', enc('2')], ['b', enc('1 ')]])));
    // In UTF-16 code units U+1F600 (a surrogate pair, 0xD83D...) sorts before U+FF5E; in UTF-8 bytes it sorts after.
    const mixed = siteDigest(new Map([['\u{1F600}', enc('x')], ['\uFF5E', enc('y')], ['z', enc('z')]]));
    const h = (s: string) => createHash('sha256').update(s).digest('hex');
    const lines = `${h('z')}  z\n${h('y')}  \uFF5E\n${h('x')}  \u{1F600}\n`;
    assert.equal(mixed, `sha256:${h(lines)}`);
  });
});
