import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { all, buildFails, buildInMemory, type Built, config, post, text, writeSite } from './support/site.ts';

function tagSite(): string {
  return writeSite({
    'site.config.ts': config({ title: 'T', postsPerPage: 2, url: 'https://example.org/blog/' }),
    'content/posts/a.md': post({ title: 'A', date: '2020-01-01', tags: '[Shell, "Hello World"]' }),
    'content/posts/b.md': post({ title: 'B', date: '2020-01-02', categories: 'Shell', tags: 'shell, zsh,' }),
    'content/posts/c.md': post({ title: 'C', date: '2020-01-03', tags: 'SHELL' }),
    'content/posts/d.md': post({ title: 'D', date: '2020-01-04' }),
  });
}

const titlesOn = (built: Built, path: string) => all(built.read(path), /<h2 class="entry-title"><a [^>]*>([^<]*)</g);

describe('tags', () => {
  it('gives each tag paginated pages under /tag/<slug>/, spelled as in its oldest post', async () => {
    const built = await buildInMemory(tagSite());
    assert.deepEqual(built.site.tags.map((t) => [t.name, t.path]), [
      ['Hello World', '/tag/hello-world/'],
      ['Shell', '/tag/shell/'],
      ['zsh', '/tag/zsh/'],
    ]);
    assert.deepEqual(titlesOn(built, 'tag/shell/index.html'), ['C', 'B']);
    assert.deepEqual(titlesOn(built, 'tag/shell/page/2/index.html'), ['A']);
    assert.match(built.read('tag/shell/index.html'), /<h1 class="list-title">Tag: Shell<\/h1>/);
    assert.match(built.read('tag/shell/index.html'), /<title>Tag: Shell — T<\/title>/);
    assert.match(built.read('tag/shell/index.html'), /href="\/blog\/tag\/shell\/page\/2\/" rel="next"/);
  });

  it('shows tags after categories on each post, linked to the tag pages', async () => {
    const built = await buildInMemory(tagSite());
    const meta = all(built.read('2020/01/02/b/index.html'), /<p class="entry-meta">(.*?)<\/p>/g)[0]!;
    assert.equal(text(meta), 'January 02, 2020 at 12:00 AM | categories: Shell | tags: Shell, zsh');
    assert.deepEqual(all(meta, /href="([^"]*)"/g), ['/blog/category/shell/', '/blog/tag/shell/', '/blog/tag/zsh/']);
    assert.doesNotMatch(built.read('2020/01/04/d/index.html'), /tags:/);
  });

  it('has a feed per tag, linked from the tag page head', async () => {
    const built = await buildInMemory(tagSite());
    const feed = built.read('tag/shell/feed/atom.xml');
    assert.deepEqual(all(feed, /<entry>\s*<title type="html"><!\[CDATA\[(.*?)\]\]>/g), ['C', 'B', 'A']);
    assert.match(feed, /<title>T: Shell \(tag\)<\/title>/);
    assert.match(feed, /<id>https:\/\/example.org\/blog\/tag\/shell\/<\/id>/);
    assert.match(
      built.read('tag/shell/index.html'),
      /<link rel="alternate" type="application\/atom\+xml" title="T: Shell \(tag\)" href="\/blog\/tag\/shell\/feed\/atom.xml">/,
    );
    // Feed entries carry categories and tags, a name used as both only once.
    const entryB = built.read('feed/atom.xml').split('<entry>')[3]!;
    assert.deepEqual(all(entryB, /<category label="([^"]*)"/g), ['Shell', 'zsh']);
  });

  it('leaves no trace in the output when no post has tags', async () => {
    const built = await buildInMemory(
      writeSite({
        'site.config.ts': config({}),
        'content/posts/a.md': post({ title: 'A', date: '2020-01-01', categories: 'X' }),
      }),
    );
    assert.equal(built.has('tag'), false);
    for (const file of built.paths) assert.doesNotMatch(built.read(file), /\/tag\/|tags:/, file);
  });

  it('reports bad tags like bad categories', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01', tags: '{ a: 1 }' }),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-01', tags: '["!!!"]' }),
      'content/posts/c.md': post({ title: 'C', date: '2020-01-01', tags: '[C++]' }),
      'content/posts/d.md': post({ title: 'D', date: '2020-01-02', tags: '["C plus plus"]' }),
    });
    const failure = await buildFails(dir);
    assert.deepEqual(failure.errors.map((e) => [e.code, e.file, e.line]), [[
      'E_FRONTMATTER_FIELD',
      'content/posts/a.md',
      4,
    ]]);
    assert.match(failure.errors[0]!.message, /"tags" must be a list or a comma-separated string, not a mapping/);
    const fixed = writeSite({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }) }, dir);
    const slugs = await buildFails(fixed);
    assert.deepEqual(slugs.errors.map((e) => e.code), ['E_TAG_SLUG', 'E_TAG_SLUG']);
    assert.match(slugs.errors[0]!.message, /the tag "!!!" has no letters or digits/);
    assert.match(
      slugs.errors[1]!.message,
      /the tags "C\+\+" \(content\/posts\/c\.md\) and "C plus plus" \(content\/posts\/d\.md\) would share the URL \/tag\/c-plus-plus\//,
    );
  });
});
