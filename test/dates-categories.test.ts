import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { all, buildFails, buildInMemory, config, post, text, writeSite } from './support/site.ts';

const metaLines = (html: string) => all(html, /<p class="entry-meta">(.*?)<\/p>/g).map(text);

describe('the date line', () => {
  it('prints dates in the site timezone across a DST change, with two-digit day and hour', async () => {
    const dir = writeSite({
      'site.config.ts': config({ timezone: 'America/Los_Angeles', postsPerPage: 10 }),
      // 2014-03-09 is the spring-forward day in Los Angeles: 02:00 PST becomes 03:00 PDT.
      'content/posts/before.md': post({ title: 'Before', date: '2014-03-09T09:30:00Z' }),
      'content/posts/after.md': post({ title: 'After', date: '2014-03-09T10:30:00Z' }),
      'content/posts/autumn.md': post({
        title: 'Autumn',
        date: '2014-10-13 16:50',
        categories: 'sysadmin, Docker, Mozilla',
      }),
    });
    const built = await buildInMemory(dir);
    const html = built.read('index.html');
    assert.deepEqual(metaLines(html), [
      'October 13, 2014 at 04:50 PM | categories: sysadmin, Docker, Mozilla',
      'March 09, 2014 at 03:30 AM',
      'March 09, 2014 at 01:30 AM',
    ]);
    assert.deepEqual(all(html, /<time datetime="([^"]+)"/g), [
      '2014-10-13T16:50:00-07:00',
      '2014-03-09T03:30:00-07:00',
      '2014-03-09T01:30:00-08:00',
    ]);
  });

  it('reads offset-less dates, date-only values, Blogofile dates and file-name dates in the site timezone', async () => {
    const dir = writeSite({
      'site.config.ts': config({ timezone: 'Pacific/Auckland', postsPerPage: 10 }),
      'content/posts/a.md': post({ title: 'Seconds', date: '2014-10-13 16:50:07' }),
      'content/posts/b.md': post({ title: 'Minutes', date: '2014-10-12 08:05' }),
      'content/posts/c.md': post({ title: 'Day', date: '2014-10-11' }),
      'content/posts/d.md': post({ title: 'Blogofile', date: '"2014/10/10 23:59:00"' }),
      'content/posts/2014-10-09-from-name.md': post({ title: 'From name' }),
      'content/posts/e.md': post({ title: 'Offset', date: '2014-10-08T12:00:00+02:00' }),
    });
    const result = await buildInMemory(dir);
    assert.deepEqual(all(result.read('index.html'), /<time datetime="([^"]+)"/g), [
      '2014-10-13T16:50:07+13:00',
      '2014-10-12T08:05:00+13:00',
      '2014-10-11T00:00:00+13:00',
      '2014-10-10T23:59:00+13:00',
      '2014-10-09T00:00:00+13:00',
      '2014-10-08T23:00:00+13:00',
    ]);
    // Permalink date tokens use the site-local date, not UTC (where some of these are a day earlier).
    assert.deepEqual(result.site.posts.map((p) => p.path).slice(2, 5), [
      '/2014/10/11/c/',
      '/2014/10/10/d/',
      '/2014/10/09/from-name/',
    ]);
  });
});

describe('categories', () => {
  it('accepts a list or a comma string, keeps written order, and links each to its page', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'List', date: '2020-01-02', categories: '[Zeta, alpha, Mid Word]' }),
      'content/posts/b.md': post({ title: 'Comma', date: '2020-01-01', categories: 'Docker,  sysadmin ,Zeta' }),
    });
    const built = await buildInMemory(dir);
    const html = built.read('index.html');
    assert.deepEqual(metaLines(html).map((l) => l.split(' | ')[1]), [
      'categories: Zeta, alpha, Mid Word',
      'categories: Docker, sysadmin, Zeta',
    ]);
    assert.match(html, /<a href="\/category\/mid-word\/">Mid Word<\/a>/);
    assert.match(built.read('category/zeta/index.html'), /<h1 class="list-title">Zeta<\/h1>/);
  });

  it("compares names case-insensitively and shows the oldest post's spelling", async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/new.md': post({ title: 'New', date: '2021-01-01', categories: 'DOCKER' }),
      'content/posts/old.md': post({ title: 'Old', date: '2015-01-01', categories: 'Docker' }),
      'content/posts/mid.md': post({ title: 'Mid', date: '2018-01-01', categories: 'docker' }),
    });
    const result = await buildInMemory(dir);
    assert.deepEqual(result.site.categories.map((c) => [c.name, c.posts.length]), [['Docker', 3]]);
    assert.deepEqual(
      metaLines(result.read('index.html')).map((l) => l.split(' | ')[1]),
      Array(3).fill('categories: Docker'),
    );
  });

  it('refuses two names that would share one URL, naming both', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'A', date: '2021-01-01', categories: 'Node.js' }),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-01', categories: 'node-js' }),
    });
    const failure = await buildFails(dir);
    assert.equal(failure.errors.length, 1);
    assert.equal(failure.errors[0]!.code, 'E_CATEGORY_SLUG');
    assert.match(
      failure.errors[0]!.message,
      /"node-js" \(content\/posts\/b\.md\) and "Node\.js" \(content\/posts\/a\.md\)/,
    );
  });
});

describe('drafts', () => {
  const site = () =>
    writeSite({
      'site.config.ts': config({}),
      'content/posts/live.md': post({ title: 'Live', date: '2020-01-01', categories: 'Shown' }),
      'content/posts/wip.md': post({
        title: 'Work in progress',
        date: '2020-02-01',
        categories: 'Hidden',
        draft: 'true',
      }),
    });

  it('are left out of pages, lists, categories and feeds by default', async () => {
    const dir = site();
    const result = await buildInMemory(dir);
    assert.deepEqual(result.site.posts.map((p) => p.source.title), ['Live']);
    assert.equal(result.paths.some((p) => p.includes('hidden') || p.includes('wip')), false);
    assert.doesNotMatch(result.read('feed/atom.xml'), /Work in progress/);
  });

  it('are built with --drafts, marked as drafts', async () => {
    const dir = site();
    const built = await buildInMemory(dir, { drafts: true });
    assert.match(built.read('2020/02/01/wip/index.html'), /<article class="entry draft">/);
    assert.match(built.read('category/hidden/index.html'), /Work in progress/);
  });
});
