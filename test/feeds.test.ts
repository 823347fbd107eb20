import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { all, buildInMemory, config, post, writeSite } from './support/site.ts';

function feedSite(entries = 2): string {
  const files: Record<string, string> = {
    'site.config.ts': config({
      title: 'Feeds & <Things>',
      url: 'https://example.org/blog',
      author: { name: 'Ada', email: 'ada@example.org' },
      feedEntries: entries,
      timezone: 'Europe/Berlin',
    }),
    'content/posts/one.md': post(
      { title: 'x < y & <script>', date: '2014-10-13 16:50', categories: 'Docker, sysadmin' },
      'See [about](/about/), [a sibling](../other/), ![pic](img/p.gif) and [out](https://w3.org/x).\n\n<a href="#top">top</a>\n',
    ),
    'content/posts/two.md': post({
      title: 'Two',
      date: '2014-10-12 09:00',
      updated: '2014-11-01 12:00',
      categories: 'Docker',
    }),
    'content/posts/three.md': post({ title: 'Three', date: '2014-10-11 09:00', categories: 'sysadmin' }),
  };
  return writeSite(files);
}

describe('Atom feeds', () => {
  it('has the newest feedEntries posts, full content, ids from permalinks and no build time', async () => {
    const built = await buildInMemory(feedSite(2));
    const xml = built.read('feed/atom.xml');
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xml:lang="en" xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    assert.deepEqual(all(xml, /<entry>\s*<title type="html"><!\[CDATA\[(.*?)\]\]>/g), [
      'x &lt; y &amp; &lt;script&gt;',
      'Two',
    ]);
    assert.deepEqual(all(xml, /<id>(.*?)<\/id>/g), [
      'https://example.org/blog/',
      'https://example.org/blog/2014/10/13/one/',
      'https://example.org/blog/2014/10/12/two/',
    ]);
    // Feed updated is the newest entry's: post two was updated on 2014-11-01 12:00 Berlin time (11:00 UTC).
    assert.deepEqual(all(xml, /<updated>(.*?)<\/updated>/g), [
      '2014-11-01T11:00:00.000Z',
      '2014-10-13T14:50:00.000Z',
      '2014-11-01T11:00:00.000Z',
    ]);
    assert.match(xml, /<title>Feeds &amp; &lt;Things&gt;<\/title>/);
    assert.match(xml, /<link rel="self" href="https:\/\/example.org\/blog\/feed\/atom.xml"\/>/);
    assert.match(xml, /<name>Ada<\/name>\s*<email>ada@example.org<\/email>/);
  });

  it('makes every relative link in entry content absolute', async () => {
    const built = await buildInMemory(feedSite());
    const xml = built.read('feed/atom.xml');
    const hrefs = all(xml.split('<entry>')[1]!, /(?:href|src)="([^"]+)"/g);
    assert.deepEqual(hrefs, [
      'https://example.org/blog/2014/10/13/one/',
      'https://example.org/blog/about/',
      'https://example.org/blog/2014/10/13/other/',
      'https://example.org/blog/2014/10/13/one/img/p.gif',
      'https://w3.org/x',
      'https://example.org/blog/2014/10/13/one/#top',
    ]);
    // On the page itself, a root-relative link in a post lives under the site's sub-path.
    assert.match(built.read('2014/10/13/one/index.html'), /<a href="\/blog\/about\/">about<\/a>/);
  });

  it('writes one feed per category, linked from the category page head', async () => {
    const built = await buildInMemory(feedSite(10));
    const docker = built.read('category/docker/feed/atom.xml');
    assert.deepEqual(all(docker, /<entry>\s*<title type="html"><!\[CDATA\[(.*?)\]\]>/g), [
      'x &lt; y &amp; &lt;script&gt;',
      'Two',
    ]);
    assert.match(docker, /<title>Feeds &amp; &lt;Things&gt;: Docker<\/title>/);
    assert.match(docker, /<id>https:\/\/example.org\/blog\/category\/docker\/<\/id>/);
    const page = built.read('category/docker/index.html');
    assert.match(
      page,
      /<link rel="alternate" type="application\/atom\+xml" title="Feeds &amp; &lt;Things&gt;" href="\/blog\/feed\/atom.xml">/,
    );
    assert.match(
      page,
      /<link rel="alternate" type="application\/atom\+xml" title="[^"]*: Docker" href="\/blog\/category\/docker\/feed\/atom.xml">/,
    );
  });

  it('never uses the build time, even for a feed with no entries', async () => {
    const built = await buildInMemory(writeSite({ 'site.config.ts': config({}) }));
    assert.match(built.read('feed/atom.xml'), /<updated>1970-01-01T00:00:00.000Z<\/updated>/);
  });
});
