import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { all, buildInMemory, buildOk, type Built, config, post, text, writeSite } from './support/site.ts';

/** n posts a day apart, newest last by file name; titles "Post 1" (oldest) .. "Post n". */
function postsSite(n: number, perPage = 3, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { 'site.config.ts': config({ title: 'T', postsPerPage: perPage }), ...extra };
  for (let i = 1; i <= n; i++) {
    const day = String(i).padStart(2, '0');
    files[`content/posts/2020-01-${day}-p${i}.md`] = post({ title: `Post ${i}`, categories: 'Alpha' });
  }
  return writeSite(files);
}

const titlesOn = (built: Built, path: string) => all(built.read(path), /<h2 class="entry-title"><a [^>]*>([^<]*)</g);
const pagerOf = (built: Built, path: string) => {
  const nav = /<nav class="pager">(.*)<\/nav>/.exec(built.read(path));
  return nav ? text(nav[1]!) : undefined;
};

describe('front index pagination', () => {
  it('builds a front index with no posts and no pager', async () => {
    const built = await buildInMemory(postsSite(0));
    assert.equal(built.site.posts.length, 0);
    assert.match(built.read('index.html'), /Nothing has been published here yet/);
    assert.equal(pagerOf(built, 'index.html'), undefined);
    assert.equal(built.has('page/2/index.html'), false);
  });

  it('keeps exactly postsPerPage posts on one page', async () => {
    const built = await buildInMemory(postsSite(3));
    assert.deepEqual(titlesOn(built, 'index.html'), ['Post 3', 'Post 2', 'Post 1']);
    assert.equal(pagerOf(built, 'index.html'), undefined);
    assert.equal(built.has('page/2/index.html'), false);
  });

  it('starts a second page at postsPerPage + 1, with the pager in both directions', async () => {
    const built = await buildInMemory(postsSite(4));
    assert.deepEqual(titlesOn(built, 'index.html'), ['Post 4', 'Post 3', 'Post 2']);
    assert.deepEqual(titlesOn(built, 'page/2/index.html'), ['Post 1']);
    assert.equal(pagerOf(built, 'index.html'), 'Next Page »');
    assert.equal(pagerOf(built, 'page/2/index.html'), '« Previous Page');
    assert.match(built.read('index.html'), /<a href="\/page\/2\/" rel="next">Next Page »<\/a>/);
    assert.match(built.read('page/2/index.html'), /<a href="\/" rel="prev">« Previous Page<\/a>/);
  });

  it('puts " -- " between the links only on a middle page', async () => {
    const built = await buildInMemory(postsSite(7));
    assert.equal(pagerOf(built, 'page/2/index.html'), '« Previous Page -- Next Page »');
    const middle = built.read('page/2/index.html');
    assert.match(middle, /href="\/" rel="prev">« Previous Page<\/a> -- <a href="\/page\/3\/" rel="next">Next Page »/);
    assert.equal(pagerOf(built, 'page/3/index.html'), '« Previous Page');
    assert.deepEqual(titlesOn(built, 'page/3/index.html'), ['Post 1']);
  });

  it('paginates category pages the same way, headed by the category name', async () => {
    const built = await buildInMemory(postsSite(4));
    const first = built.read('category/alpha/index.html');
    assert.match(first, /<h1 class="list-title">Alpha<\/h1>/);
    assert.deepEqual(titlesOn(built, 'category/alpha/index.html'), ['Post 4', 'Post 3', 'Post 2']);
    assert.deepEqual(titlesOn(built, 'category/alpha/page/2/index.html'), ['Post 1']);
    assert.match(first, /href="\/category\/alpha\/page\/2\/" rel="next">Next Page »/);
    assert.match(
      built.read('category/alpha/page/2/index.html'),
      /href="\/category\/alpha\/" rel="prev">« Previous Page/,
    );
  });

  it('removes pages the site no longer produces on the next build', async () => {
    const dir = postsSite(4);
    await buildOk(dir);
    assert.ok(existsSync(join(dir, 'dist/page/2/index.html')));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'content/posts/2020-01-04-p4.md'));
    const result = await buildOk(dir);
    assert.equal(existsSync(join(dir, 'dist/page/2/index.html')), false);
    assert.ok(result.report.removed >= 2, `removed ${result.report.removed}`);
  });
});

describe('post pages', () => {
  it('link to the newer and the older post by title', async () => {
    const built = await buildInMemory(postsSite(3));
    const middle = built.read(built.site.posts[1]!.output);
    assert.match(middle, /class="newer" rel="next" href="\/2020\/01\/03\/p3\/"><span>Newer<\/span> « Post 3<\/a>/);
    assert.match(middle, /class="older" rel="prev" href="\/2020\/01\/01\/p1\/"><span>Older<\/span> Post 1 »<\/a>/);
    const newest = built.read('2020/01/03/p3/index.html');
    assert.doesNotMatch(newest, /class="newer"/);
    assert.match(newest, /class="older"/);
    assert.doesNotMatch(built.read('2020/01/01/p1/index.html'), /class="older"/);
  });

  it('orders posts with equal dates by source path', async () => {
    const same = (title: string) => post({ title, date: '2021-05-05 10:00' });
    const dir = writeSite({
      'site.config.ts': config({ postsPerPage: 10 }),
      'content/posts/b.md': same('B'),
      'content/posts/a.md': same('A'),
      'content/posts/c/z.md': same('C'),
    });
    const built = await buildInMemory(dir);
    assert.deepEqual(titlesOn(built, 'index.html'), ['A', 'B', 'C']);
  });
});
