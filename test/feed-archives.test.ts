import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { all, buildInMemory, type Built, config, post, writeSite } from './support/site.ts';

const URL_ROOT = 'https://feeds.example/';
const SIZE = 4; // feedEntries: the subscription feed's size and the archive pages'

function site(count: number): string {
  const files: Record<string, string> = {
    'site.config.ts': config({
      title: 'Archived',
      url: URL_ROOT,
      feedEntries: SIZE,
      feedArchives: true,
      feeds: ['atom', 'rss', 'json'],
    }),
  };
  for (let i = 1; i <= count; i++) files[`content/posts/p${i}.md`] = postNumber(i);
  return writeSite(files);
}

function postNumber(i: number): string {
  const day = new Date(Date.UTC(2020, 0, i)).toISOString().slice(0, 10);
  return post({ title: `Post ${i}`, date: day, categories: i % 2 ? '[Odd]' : '[Even]', tags: '[all]' });
}

/** What a feed reader sees in one document: its entries' ids, and its RFC 5005 links and marker. */
function readDocument(xml: string, format: 'atom' | 'rss') {
  const link = (rel: string) =>
    new RegExp(`<${format === 'atom' ? 'link' : 'atom:link'} rel="${rel}" href="([^"]*)"/>`).exec(xml)?.[1];
  const ids = format === 'atom' ? all(xml, /<entry>\s*<title[^>]*>.*?<\/title>\s*<id>([^<]*)<\/id>/gs) : all(
    xml,
    /<guid isPermaLink="false">([^<]*)<\/guid>/g,
  );
  return {
    ids,
    archive: xml.includes('<fh:archive/>'),
    namespace: xml.includes('xmlns:fh="http://purl.org/syndication/history/1.0"'),
    prev: link('prev-archive'),
    next: link('next-archive'),
    current: link('current'),
  };
}

/**
 * RFC 5005's reader: start at the subscription feed and follow prev-archive links until there are
 * none, collecting entries. Returns every id in the order collected and the documents visited.
 */
function backfill(built: Built, feed: string, format: 'atom' | 'rss') {
  const toPath = (url: string) => url.slice(URL_ROOT.length);
  const seen: string[] = [];
  const visited: string[] = [];
  let path: string | undefined = feed;
  while (path !== undefined) {
    assert.ok(!visited.includes(path), `a loop back to ${path}`);
    visited.push(path);
    const doc = readDocument(built.read(path), format);
    assert.equal(doc.archive, path !== feed, `${path}: fh:archive only on archive documents`);
    if (doc.archive || doc.prev) assert.ok(doc.namespace, `${path}: declares the fh namespace`);
    if (doc.archive) assert.equal(doc.current, `${URL_ROOT}${feed}`, `${path}: links the subscription feed`);
    seen.push(...doc.ids);
    path = doc.prev && toPath(doc.prev);
  }
  return { seen, visited };
}

describe('RFC 5005 archived feeds (feedArchives: true)', () => {
  it('lets a reader recover every post exactly once from each Atom and RSS feed', async () => {
    const count = 19;
    const built = await buildInMemory(site(count));
    const expected = (filter: (i: number) => boolean) =>
      Array.from({ length: count }, (_, i) => i + 1).filter(filter).map((i) => {
        const day = new Date(Date.UTC(2020, 0, i)).toISOString().slice(0, 10).replaceAll('-', '/');
        return `${URL_ROOT}${day}/p${i}/`;
      }).sort();
    for (const format of ['atom', 'rss'] as const) {
      const file = format === 'atom' ? 'atom.xml' : 'rss.xml';
      for (
        const [feed, filter] of [
          [`feed/${file}`, () => true],
          [`category/odd/feed/${file}`, (i: number) => i % 2 === 1],
          [`tag/all/feed/${file}`, () => true],
        ] as const
      ) {
        const { seen, visited } = backfill(built, feed, format);
        assert.deepEqual([...seen].sort(), expected(filter), `${feed}: every post, each once`);
        assert.equal(new Set(seen).size, seen.length, `${feed}: no post twice`);
        assert.equal(readDocument(built.read(feed), format).ids.length, SIZE, 'the subscription feed keeps its size');
        // The oldest archive document has no older neighbour; going forward visits them in reverse.
        const oldest = visited[visited.length - 1]!;
        assert.equal(readDocument(built.read(oldest), format).prev, undefined);
        let forward = 1;
        for (let doc = readDocument(built.read(oldest), format); doc.next; forward++) {
          doc = readDocument(built.read(doc.next.slice(URL_ROOT.length)), format);
        }
        assert.equal(forward, visited.length - 1, `${feed}: next-archive links lead through every archive`);
      }
    }
    // The site feed's 15 archived posts are pages of 4 from the oldest: 4, 4, 4, 3.
    const sizes = [1, 2, 3, 4].map((n) => readDocument(built.read(`feed/archive/${n}/atom.xml`), 'atom').ids.length);
    assert.deepEqual(sizes, [4, 4, 4, 3]);
    assert.equal(built.has('feed/archive/5/atom.xml'), false);
    assert.equal(built.has('feed/archive'), true);
    assert.equal(built.paths.some((p) => p.includes('archive') && p.endsWith('.json')), false, 'JSON Feed has none');
  });

  it('changes only the subscription feed and the newest archive page when a post is added', async () => {
    // 14 archived posts (pages 4, 4, 4, 2), then 15: page 4 takes one; then 16: page 4 is full and
    // an empty page 5 appears, which the next post will go to.
    for (const count of [18, 19]) {
      const dir = site(count);
      const before = await buildInMemory(dir, { cache: false });
      writeFileSync(join(dir, `content/posts/p${count + 1}.md`), postNumber(count + 1));
      const after = await buildInMemory(dir, { cache: false });
      const feeds = (built: Built) => built.paths.filter((p) => p.startsWith('feed/') && !p.endsWith('.json'));
      const changed = feeds(before).filter((p) => Buffer.compare(before.output.get(p)!, after.output.get(p)!) !== 0);
      const newest = `feed/archive/4/`;
      assert.deepEqual(changed, [`${newest}atom.xml`, `${newest}rss.xml`, 'feed/atom.xml', 'feed/rss.xml']);
      const added = feeds(after).filter((p) => !before.output.has(p));
      assert.deepEqual(added, count === 19 ? ['feed/archive/5/atom.xml', 'feed/archive/5/rss.xml'] : []);
      if (count === 19) {
        assert.deepEqual(readDocument(after.read('feed/archive/5/atom.xml'), 'atom').ids, []);
        assert.match(
          after.read('feed/atom.xml'),
          /rel="prev-archive" href="https:\/\/feeds\.example\/feed\/archive\/5\/atom\.xml"/,
        );
      }
    }
  });

  it('is off by default, and a feed with no older posts has no archive', async () => {
    const off = await buildInMemory(writeSite({
      'site.config.ts': config({ title: 'T', feedEntries: 2 }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-02' }),
      'content/posts/c.md': post({ title: 'C', date: '2020-01-03' }),
    }));
    assert.equal(off.paths.some((p) => p.includes('feed/archive/')), false);
    assert.doesNotMatch(off.read('feed/atom.xml'), /fh:|prev-archive/);
    const few = await buildInMemory(site(SIZE));
    assert.equal(few.paths.some((p) => p.includes('feed/archive/')), false);
    assert.doesNotMatch(few.read('feed/atom.xml'), /prev-archive/);
  });
});
