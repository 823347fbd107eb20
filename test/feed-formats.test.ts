import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonFeedProblems } from './support/json-feed.ts';
import { all, buildFails, buildInMemory, config, post, writeSite } from './support/site.ts';

function site(feeds?: string[], entries = 2, more: Record<string, unknown> = {}): string {
  return writeSite({
    'site.config.ts': config({
      title: 'Feeds & <Things>',
      url: 'https://example.org/blog/',
      author: { name: 'Ada', email: 'ada@example.org' },
      feedEntries: entries,
      timezone: 'Europe/Berlin',
      ...(feeds ? { feeds } : {}),
      ...more,
    }),
    'content/posts/one.md': post(
      { title: 'x < y & <script>', date: '2014-10-13 16:50', categories: 'Docker' },
      'See [about](/about/) and ![pic](img/p.gif).\n',
    ),
    'content/posts/two.md': post({
      title: 'Two',
      date: '2014-10-12 09:00',
      updated: '2014-11-01 12:00',
      categories: 'Docker',
    }),
    'content/posts/three.md': post({ title: 'Three', date: '2014-10-11 09:00', tags: 'misc' }),
  });
}

describe('RSS 2.0 and JSON Feed', () => {
  it('writes only Atom by default', async () => {
    const built = await buildInMemory(site());
    assert.ok(built.has('feed/atom.xml'));
    assert.equal(built.has('feed/rss.xml'), false);
    assert.equal(built.has('feed/feed.json'), false);
  });

  it('writes RSS beside Atom for the site, each category and each tag, with the same entries', async () => {
    const built = await buildInMemory(site(['atom', 'rss']));
    for (const home of ['', 'category/docker/', 'tag/misc/']) {
      const atomIds = all(built.read(`${home}feed/atom.xml`), /<entry>\s*<title[^]*?<id>(.*?)<\/id>/g);
      const rssIds = all(built.read(`${home}feed/rss.xml`), /<guid isPermaLink="false">(.*?)<\/guid>/g);
      assert.deepEqual(rssIds, atomIds, home);
      assert.ok(rssIds.length > 0);
    }
    const rss = built.read('feed/rss.xml');
    assert.match(rss, /^<\?xml version="1.0" encoding="utf-8"\?>\n<rss version="2.0"/);
    assert.match(rss, /<title>Feeds &amp; &lt;Things&gt;<\/title>/);
    assert.deepEqual(all(rss, /<item>\s*<title><!\[CDATA\[(.*?)\]\]>/g), ['x &lt; y &amp; &lt;script&gt;', 'Two']);
    // No clock: lastBuildDate is the newest entry's updated (2014-11-01 12:00 Berlin = 11:00 UTC).
    assert.match(rss, /<lastBuildDate>Sat, 01 Nov 2014 11:00:00 GMT<\/lastBuildDate>/);
    assert.deepEqual(all(rss, /<pubDate>(.*?)<\/pubDate>/g), [
      'Mon, 13 Oct 2014 14:50:00 GMT',
      'Sun, 12 Oct 2014 07:00:00 GMT',
    ]);
    assert.match(
      rss,
      /<atom:link href="https:\/\/example.org\/blog\/feed\/rss.xml" rel="self" type="application\/rss\+xml"\/>/,
    );
    assert.match(
      rss,
      /src="https:\/\/example.org\/blog\/2014\/10\/13\/one\/img\/p.gif"/,
      'links in content are absolute',
    );
    const page = built.read('category/docker/index.html');
    assert.match(
      page,
      /<link rel="alternate" type="application\/rss\+xml" title="Feeds &amp; &lt;Things&gt;" href="\/blog\/feed\/rss.xml">/,
    );
    assert.match(
      page,
      /<link rel="alternate" type="application\/rss\+xml" title="[^"]*: Docker" href="\/blog\/category\/docker\/feed\/rss.xml">/,
    );
    assert.match(
      page,
      /<a href="\/blog\/feed\/atom.xml">Atom feed<\/a> · <a href="\/blog\/feed\/rss.xml">RSS feed<\/a>/,
    );
  });

  it('writes a JSON Feed with plain-text titles and no build time', async () => {
    const built = await buildInMemory(site(['json']));
    assert.equal(built.has('feed/atom.xml'), false, 'only the formats named');
    const feed = JSON.parse(built.read('feed/feed.json'));
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(feed.title, 'Feeds & <Things>');
    assert.equal(feed.feed_url, 'https://example.org/blog/feed/feed.json');
    assert.deepEqual(feed.items.map((i: { title: string }) => i.title), ['x < y & <script>', 'Two']);
    assert.deepEqual(feed.items.map((i: { date_modified: string }) => i.date_modified), [
      '2014-10-13T14:50:00.000Z',
      '2014-11-01T11:00:00.000Z',
    ]);
    assert.match(feed.items[0].content_html, /href="https:\/\/example.org\/blog\/about\/"/);
    assert.match(
      built.read('index.html'),
      /<link rel="alternate" type="application\/feed\+json" title="[^"]*" href="\/blog\/feed\/feed.json">/,
    );
    assert.match(built.read('index.html'), /<a href="\/blog\/feed\/feed.json">JSON Feed<\/a>/);
  });

  it("writes JSON Feed 1.1: every feed valid, with authors, and the site's language", async () => {
    const built = await buildInMemory(site(['json', 'rss'], 2, { language: 'de-CH' }));
    for (const path of ['feed/feed.json', 'category/docker/feed/feed.json', 'tag/misc/feed/feed.json']) {
      const feed = JSON.parse(built.read(path));
      assert.deepEqual(jsonFeedProblems(feed), [], path);
      assert.deepEqual(feed.authors, [{ name: 'Ada' }], path);
      assert.equal(feed.author, undefined, `${path}: 1.0's author is replaced by authors`);
      assert.equal(feed.language, 'de-CH', path);
      assert.ok(feed.items.length > 0, path);
    }
    assert.match(built.read('feed/rss.xml'), /<language>de-CH<\/language>/);
    assert.match(built.read('index.html'), /^<!DOCTYPE html>\n<html lang="de-CH">/);
    const unsaid = await buildInMemory(site(['json']));
    const feed = JSON.parse(unsaid.read('feed/feed.json'));
    assert.deepEqual(jsonFeedProblems(feed), []);
    assert.equal(feed.language, 'en', 'the default language');
    assert.match(unsaid.read('index.html'), /<html lang="en">/);
    const empty = await buildInMemory(writeSite({ 'site.config.ts': config({ feeds: ['json'] }) }));
    assert.deepEqual(jsonFeedProblems(JSON.parse(empty.read('feed/feed.json'))), []);
  });

  it('finds what is wrong in a feed that is not JSON Feed 1.1 (the checker itself)', () => {
    const old = { version: 'https://jsonfeed.org/version/1', title: 'T', author: { name: 'A' }, items: [{ id: 'x' }] };
    assert.deepEqual(jsonFeedProblems(old), [
      'version: is "https://jsonfeed.org/version/1"',
      'feed.author: is deprecated in 1.1, replaced by authors',
      'items[0]: needs content_html or content_text',
    ]);
  });

  it('checks the `language` setting', async () => {
    const failure = await buildFails(writeSite({ 'site.config.ts': config({ language: 'English' }) }));
    assert.equal(failure.errors[0]!.code, 'E_CONFIG_KEY');
    assert.match(failure.errors[0]!.message, /"language" "English" is not a language tag such as "en" or "de-AT"/);
  });

  it('gives empty feeds the Unix epoch, never the clock', async () => {
    const built = await buildInMemory(writeSite({ 'site.config.ts': config({ feeds: ['rss', 'json'] }) }));
    assert.match(built.read('feed/rss.xml'), /<lastBuildDate>Thu, 01 Jan 1970 00:00:00 GMT<\/lastBuildDate>/);
    assert.deepEqual(JSON.parse(built.read('feed/feed.json')).items, []);
  });

  it('checks the `feeds` setting', async () => {
    for (
      const [feeds, message] of [
        [[], /"feeds" must be a non-empty list of feed formats \(known: "atom", "rss", "json"\)/],
        ['rss', /"feeds" must be a non-empty list/],
        [['atom', 'rss2'], /"feeds" has an unknown format "rss2"/],
        [['rss', 'rss'], /"feeds" names "rss" twice/],
      ] as const
    ) {
      const failure = await buildFails(writeSite({ 'site.config.ts': config({ feeds }) }));
      assert.equal(failure.errors[0]!.code, 'E_CONFIG_KEY');
      assert.match(failure.errors[0]!.message, message);
    }
  });
});
