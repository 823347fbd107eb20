import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { all, buildFails, buildInMemory, type Built, config, post, text, writeSite } from './support/site.ts';

function archiveSite(extra: Record<string, string> = {}): string {
  return writeSite({
    'site.config.ts': config({ title: 'T', postsPerPage: 2, timezone: 'America/Los_Angeles' }),
    // 2025-01-01 02:00 UTC is still December 31 in Los Angeles: the month is the site's.
    'content/posts/new-year.md': post({ title: 'New Year', date: '2025-01-01T02:00:00Z', categories: 'Events' }),
    'content/posts/jan-a.md': post({ title: 'Jan A', date: '2025-01-10' }),
    'content/posts/jan-b.md': post({ title: 'Jan B', date: '2025-01-20', categories: 'Notes, Events' }),
    'content/posts/jan-c.md': post({ title: 'Jan C', date: '2025-01-20' }),
    'content/posts/old.md': post({ title: 'Old <one>', date: '2023-06-05 08:00' }),
    ...extra,
  });
}

const titlesOn = (built: Built, path: string) => all(built.read(path), /<h2 class="entry-title"><a [^>]*>([^<]*)</g);

describe('archives', () => {
  it('lists every post on /archive/ by year and month, newest first, with date and categories', async () => {
    const built = await buildInMemory(archiveSite());
    const html = built.read('archive/index.html');
    assert.deepEqual(all(html, /<h2>(\d+)<\/h2>/g), ['2025', '2024', '2023']);
    assert.deepEqual(all(html, /<h3><a [^>]*>([^<]*)<\/a><\/h3>/g), ['January 2025', 'December 2024', 'June 2023']);
    assert.deepEqual(all(html, /<h3><a href="([^"]*)"/g), [
      '/archive/2025/01/',
      '/archive/2024/12/',
      '/archive/2023/06/',
    ]);
    const items = all(html.slice(html.indexOf('<main')), /<li>(.*?)<\/li>/g).map(text);
    assert.deepEqual(items, [
      'Jan B January 20, 2025 at 12:00 AM | Notes, Events',
      'Jan C January 20, 2025 at 12:00 AM',
      'Jan A January 10, 2025 at 12:00 AM',
      'New Year December 31, 2024 at 06:00 PM | Events',
      'Old <one> June 05, 2023 at 08:00 AM',
    ]);
    assert.match(html, /<title>Archive — T<\/title>/);
    assert.match(built.read('index.html'), /<a href="\/archive\/">Archive<\/a>/, 'the footer links the archive');
  });

  it('gives each month its own list, paginated like the index', async () => {
    const built = await buildInMemory(archiveSite());
    assert.deepEqual(titlesOn(built, 'archive/2025/01/index.html'), ['Jan B', 'Jan C']);
    assert.deepEqual(titlesOn(built, 'archive/2025/01/page/2/index.html'), ['Jan A']);
    assert.match(built.read('archive/2025/01/index.html'), /<h1 class="list-title">January 2025<\/h1>/);
    assert.match(
      built.read('archive/2025/01/index.html'),
      /<a href="\/archive\/2025\/01\/page\/2\/" rel="next">Next Page »<\/a>/,
    );
    assert.match(built.read('archive/2025/01/page/2/index.html'), /<title>January 2025 — T \(page 2\)<\/title>/);
    assert.deepEqual(titlesOn(built, 'archive/2024/12/index.html'), ['New Year']);
    assert.equal(built.has('archive/2024/11'), false, 'months without posts have no page');
  });

  it('has an archive page even before the first post', async () => {
    const built = await buildInMemory(writeSite({ 'site.config.ts': config({}) }));
    assert.match(built.read('archive/index.html'), /Nothing has been published here yet/);
  });

  it('reports a page that would be written over the archive', async () => {
    const dir = archiveSite({ 'content/archive.md': post({ title: 'My archive' }) });
    const failure = await buildFails(dir);
    assert.equal(failure.errors[0]!.code, 'E_COLLISION');
    assert.match(
      failure.errors[0]!.message,
      /content\/archive\.md and the archive page would all be written to archive\/index\.html/,
    );
  });
});
