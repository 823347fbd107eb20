import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildInMemory, cli, config, post, ROOT, writeSite } from './support/site.ts';
import { checkLinks } from './support/link-check.ts';

/** A site that uses every kind of link the engine writes, and the kinds authors write. */
function linkSite(extra: Record<string, string> = {}): string {
  return writeSite({
    'site.config.ts': config({
      title: 'Links',
      url: 'https://example.org/',
      postsPerPage: 1,
      feeds: ['atom', 'rss', 'json'],
      excerpts: true,
    }),
    'content/posts/2020-01-01-first.md': post(
      { title: 'First', categories: 'Café & Co', tags: 'Ünïcode, two words' },
      'See [about](/about/), [the second post](../../02/second/), ![a picture](/images/dot.svg) and [a file](/files/a%20b.txt).\n\n<!-- more -->\n\n[Top](#top), [mail](mailto:x@example.org), [elsewhere](https://w3.org/).\n',
    ),
    'content/posts/2020-01-02-second.md': post(
      { title: 'Second', categories: 'Café & Co' },
      'Back to [the first](/2020/01/01/first/).\n',
    ),
    'content/posts/2020-02-03-日本語.md': post({ title: '日本語', tags: 'two words' }, 'Non-ASCII path.\n'),
    'content/about.md': post(
      { title: 'About' },
      'The [archive](/archive/) and [a category](/category/cafe-and-co/).\n',
    ),
    'public/images/dot.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    'public/files/a b.txt': 'a file with a space\n',
    ...extra,
  });
}

function buildAt(dir: string, url?: string): void {
  const run = cli(['build', dir, ...(url ? ['--base-url', url] : [])]);
  assert.equal(run.status, 0, run.stderr);
}

describe('internal links', () => {
  it('all resolve in a site built at the root and the same site built under a sub-path', () => {
    for (const url of ['https://example.org/', 'https://example.org/blog/', 'https://example.org/a/b/']) {
      const dir = linkSite();
      buildAt(dir, url);
      assert.deepEqual(checkLinks(join(dir, 'dist'), url), [], url);
    }
  });

  it('puts every generated link, feed URL and sitemap entry under the sub-path', async () => {
    const built = await buildInMemory(linkSite(), { baseUrl: 'https://example.org/blog/' });
    const rootRelative = [...built.read('index.html').matchAll(/(?:href|src)="(\/[^"]*)"/g)].map((m) => m[1]!);
    assert.ok(rootRelative.length > 10);
    assert.deepEqual(rootRelative.filter((h) => !h.startsWith('/blog/')), []);
    for (
      const file of ['feed/atom.xml', 'feed/rss.xml', 'feed/feed.json', 'sitemap.xml', 'tag/two-words/feed/atom.xml']
    ) {
      const urls = [...built.read(file).matchAll(/https?:\/\/example\.org[^"<\s]*/g)].map((m) => m[0]);
      assert.ok(urls.length > 0, file);
      assert.deepEqual(urls.filter((u) => !u.startsWith('https://example.org/blog/')), [], file);
    }
  });

  it("resolve a post's relative links against the post, so they work on list pages too", async () => {
    const built = await buildInMemory(linkSite(), { baseUrl: 'https://example.org/blog/' });
    for (const page of ['2020/01/01/first/index.html', 'tag/unicode/index.html', 'archive/2020/01/page/2/index.html']) {
      assert.match(built.read(page), /<a href="\/blog\/2020\/01\/02\/second\/">the second post<\/a>/, page);
    }
    assert.match(built.read('2020/01/01/first/index.html'), /<a href="#top">Top<\/a>/, 'fragments stay on the page');
  });

  it('are caught when they point nowhere or out of the base path', () => {
    const dir = linkSite({
      'content/broken.md': post(
        { title: 'Broken' },
        '[gone](/gone/), [escape](https://example.org/other/), [ok](/about).\n',
      ),
    });
    buildAt(dir, 'https://example.org/blog/');
    assert.deepEqual(checkLinks(join(dir, 'dist'), 'https://example.org/blog/'), [
      'broken/index.html: /blog/gone/ (no such file in the output)',
      'broken/index.html: https://example.org/other/ (outside the base path /blog/)',
    ]);
    // Checked against the wrong root, every generated link is outside it.
    assert.ok(checkLinks(join(dir, 'dist'), 'https://example.org/').some((p) => p.includes('no such file')));
  });

  it("all resolve in the repository's own example site built under a sub-path, drafts included", () => {
    const dir = mkdtempSync(join(tmpdir(), 'colophon-example-'));
    for (const entry of ['site.config.ts', 'package.json', 'content', 'layouts', 'public']) {
      if (existsSync(join(ROOT, entry))) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
    }
    const url = 'https://colophon.example.org/docs/colophon/';
    const run = cli(['build', dir, '--drafts', '--base-url', url]);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(checkLinks(join(dir, 'dist'), url), []);
  });
});
