import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedChange } from '../../../src/diff/compare.ts';
import { readFeed } from '../../../src/diff/feed-entries.ts';

const atom = (entries: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>` +
  `<updated>2024-01-02T00:00:00Z</updated>${entries}</feed>`;
const entry = (id: string, title: string, content: string) =>
  `<entry><title type="html"><![CDATA[${title}]]></title><id>${id}</id><link href="${id}"/>` +
  `<content type="html"><![CDATA[${content}]]></content></entry>`;

describe('feed entries', () => {
  it('reads Atom entries by id, with CDATA titles', () => {
    const feed = readFeed(atom(entry('https://x.org/a/', 'A &amp; b', '<p>a</p>')))!;
    assert.deepEqual(feed.entries.map((e) => [e.id, e.title]), [['https://x.org/a/', 'A &amp; b']]);
    assert.deepEqual([...feed.fields.keys()], ['title', 'updated']);
  });

  it('tells added, removed and changed entries apart, and which fields changed', () => {
    const before = atom(entry('https://x.org/a/', 'A', '<p>a</p>') + entry('https://x.org/b/', 'B', '<p>b</p>'));
    const after = atom(entry('https://x.org/c/', 'C', '<p>c</p>') + entry('https://x.org/a/', 'A', '<p>a!</p>'))
      .replace('2024-01-02', '2024-01-03');
    assert.deepEqual(feedChange(before, after), {
      kind: 'feed',
      added: [{ id: 'https://x.org/c/', title: 'C' }],
      removed: [{ id: 'https://x.org/b/', title: 'B' }],
      changed: [{ id: 'https://x.org/a/', title: 'A', fields: ['content'] }],
      fields: ['updated'],
    });
  });

  it('reads RSS items by guid, without its attributes', () => {
    const rss = '<rss version="2.0"><channel><title>Blog</title><item><title>A</title>' +
      '<guid isPermaLink="true">https://x.org/a/</guid><description>a</description></item></channel></rss>';
    const feed = readFeed(rss)!;
    assert.deepEqual(feed.entries.map((e) => [e.id, e.title]), [['https://x.org/a/', 'A']]);
    const changed = rss.replace('<description>a</description>', '<description>b</description>');
    assert.deepEqual(feedChange(rss, changed)!.changed, [{
      id: 'https://x.org/a/',
      title: 'A',
      fields: ['description'],
    }]);
  });

  it('reads JSON Feed items by id', () => {
    const json = (title: string) =>
      JSON.stringify({ version: 'https://jsonfeed.org/version/1', items: [{ id: 'https://x.org/a/', title }] });
    assert.deepEqual(feedChange(json('A'), json('A2'))!.changed, [{
      id: 'https://x.org/a/',
      title: 'A2',
      fields: ['title'],
    }]);
  });

  it('is no feed for other documents', () => {
    assert.equal(readFeed('<html><body>no</body></html>'), undefined);
    assert.equal(readFeed('{"items": 3}'), undefined);
  });
});
