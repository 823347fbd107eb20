import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../src/cli.ts';
import { buildInMemory, config, listTree, ROOT, writeSite } from './support/site.ts';

const BLOGOFILE = join(ROOT, 'test/fixtures/import-blogofile');
const JEKYLL = join(ROOT, 'test/fixtures/import-jekyll');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function freshSite(fields: Record<string, unknown> = {}): string {
  return writeSite({ 'site.config.ts': config({ title: 'New home', ...fields }) });
}

/** The files each old engine wrote for the fixture's posts, worked out by hand from its rules. */
const BLOGOFILE_URLS = [
  '2009/08/22/first-post/index.html', // /:year/:month/:day/:title/ where Colophon agrees
  '2009/08/29/custom-address/index.html', // a full-URL permalink
  "2009/09/01/what's-new,-blogofile-/index.html", // Blogofile's slug keeps ' and , and does not squeeze hyphens
  '2010/01/02/fences-in-fences/index.html', // a slug in the front matter
];
const JEKYLL_URLS = [
  'web/docker/2014/10/13/hello-world.html', // /:categories/:year/:month/:day/:title.html, categories lower-cased
  'notes/misc/2014/11/02/space-categories.html', // categories as a space-separated string
  '2015/01/05/Draft-Post.html', // no categories; :title keeps the file name's case
  'articles/custom/index.html', // a permalink pattern in the front matter
  'archive/late-at-night.html', // a fixed permalink
  'web/2015/04/01/no-title.html',
];

describe('colophon import', () => {
  it('imports a Blogofile blog; the build has every post at its old URL', async () => {
    const dir = freshSite();
    const result = await run(['import', 'blogofile', BLOGOFILE, dir]);
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(listTree(join(dir, 'content')), [
      'posts/2009/2009-08-22-first-post.md',
      'posts/2009/2009-08-29-a-post-with-its-own-address.md',
      'posts/2009/2009-09-01-what-s-new-blogofile.md',
      'posts/2010/2010-01-02-fences-in-fences.md',
    ]);
    const built = await buildInMemory(dir, { drafts: true }); // one of them was a Blogofile draft
    for (const file of BLOGOFILE_URLS) assert.ok(built.has(file), `${file} is in the output`);
    const first = built.read(BLOGOFILE_URLS[0]!);
    assert.match(first, /<pre class="shiki[^"]*"[^>]*data-lang="python"/);
    assert.doesNotMatch(first, /\$\$code/);
    const fences = built.read(BLOGOFILE_URLS[3]!);
    assert.match(fences, /data-lang="markdown"/);
    assert.match(fences, /let x = 1;/, 'the inner ``` lines stay inside the block');
    const draft = readFileSync(join(dir, 'content/posts/2009/2009-09-01-what-s-new-blogofile.md'), 'utf8');
    assert.match(draft, /^draft: true$/m);
    assert.match(draft, /^date: '2009\/09\/01 23:45:00'$/m, 'the date is kept as written');
    assert.match(draft, /^categories:\n {2}- News\n {2}- Python\n/m, 'a comma string becomes a list');
    assert.doesNotMatch(draft, /^filter:/m);
  });

  it('imports a Jekyll site; the build has every post at its old URL', async () => {
    const dir = freshSite();
    const result = await run(['import', 'jekyll', JEKYLL, dir]);
    assert.equal(result.code, 0, result.err);
    assert.equal(listTree(join(dir, 'content')).length, 7, 'six Markdown posts and one in HTML');
    const built = await buildInMemory(dir, { drafts: true });
    for (const file of JEKYLL_URLS) assert.ok(built.has(file), `${file} is in the output`);
    const hello = built.read(JEKYLL_URLS[0]!);
    assert.match(hello, /data-lang="ruby"/);
    assert.match(hello, /data-lang="shellscript"/);
    assert.doesNotMatch(hello, /\{%|endhighlight|linenos/);
    const strings = readFileSync(join(dir, 'content/posts/2014/2014-11-02-space-categories.md'), 'utf8');
    assert.match(strings, /^categories:\n {2}- Notes\n {2}- Misc\n/m);
    assert.match(strings, /^tags:\n {2}- one\n {2}- two\n/m);
    assert.match(strings, /^<!-- \{% include note\.html content="kept" %\} -->$/m, 'other Liquid is kept, hidden');
    const draft = readFileSync(join(dir, 'content/posts/2015/2015-01-05-draft-post.md'), 'utf8');
    assert.match(draft, /^draft: true$/m);
    assert.doesNotMatch(draft, /^published:/m);
    const untitled = built.read(JEKYLL_URLS[5]!);
    assert.match(untitled, /<title>No Title<\/title>/);
  });

  it("writes a permalink only where the site's own pattern would put the post elsewhere", async () => {
    // With Jekyll's own pattern (one category, which Colophon's :category matches), nothing needs one.
    const dir = freshSite({ permalink: '/:category/:year/:month/:day/:slug.html' });
    assert.equal((await run(['import', 'jekyll', JEKYLL, dir])).code, 0);
    const untitled = readFileSync(join(dir, 'content/posts/2015/2015-04-01-no-title.md'), 'utf8');
    assert.doesNotMatch(untitled, /permalink/);
    const two = readFileSync(join(dir, 'content/posts/2014/2014-10-13-hello-world.md'), 'utf8');
    assert.match(
      two,
      /^permalink: \/web\/docker\/2014\/10\/13\/hello-world\.html$/m,
      'two categories: Colophon uses the first only',
    );
    const built = await buildInMemory(dir, { drafts: true });
    for (const file of JEKYLL_URLS) assert.ok(built.has(file), `${file} is in the output`);
  });

  it("keeps the old URL when the site is later set to the old blog's timezone, as the report asks", async () => {
    const dir = freshSite();
    assert.equal((await run(['import', 'jekyll', JEKYLL, dir])).code, 0);
    writeFileSync(join(dir, 'site.config.ts'), config({ title: 'New home', timezone: 'America/Los_Angeles' }));
    const built = await buildInMemory(dir, { drafts: true });
    for (const file of JEKYLL_URLS) assert.ok(built.has(file), `${file} is in the output`);
  });

  it('never overwrites a file: a second import skips every post and leaves edits alone', async () => {
    const dir = freshSite();
    assert.equal((await run(['import', 'blogofile', BLOGOFILE, dir])).code, 0);
    const edited = join(dir, 'content/posts/2009/2009-08-22-first-post.md');
    writeFileSync(edited, readFileSync(edited, 'utf8') + '\nEdited after the import.\n');
    const before = listTree(join(dir, 'content')).map((f) => readFileSync(join(dir, 'content', f), 'utf8'));
    const again = await run(['import', 'blogofile', BLOGOFILE, dir]);
    assert.equal(again.code, 0);
    assert.match(again.out, /^0 posts converted \(0 changed\), 6 skipped\.$/m);
    assert.match(
      again.out,
      /skipped {4}_posts\/001 - first post\.markdown: content\/posts\/2009\/2009-08-22-first-post\.md already exists \(nothing is overwritten\)/,
    );
    assert.deepEqual(listTree(join(dir, 'content')).map((f) => readFileSync(join(dir, 'content', f), 'utf8')), before);
    assert.match(readFileSync(edited, 'utf8'), /Edited after the import\./);
  });

  it('reports what was converted, what changed and what was skipped, and asks for the old timezone', async () => {
    const dir = freshSite();
    const { out } = await run(['import', 'jekyll', JEKYLL, dir]);
    const lines = out.split('\n');
    assert.equal(lines[0], `Imported Jekyll posts from ${JEKYLL}:`);
    assert.deepEqual(lines.filter((l) => l.startsWith('  converted')), [
      '  converted  _posts/2014-10-13-hello-world.md -> content/posts/2014/2014-10-13-hello-world.md',
      '  converted  _posts/2014-11-02-space-categories.markdown -> content/posts/2014/2014-11-02-space-categories.md',
      '  converted  _posts/2015-01-05-Draft-Post.md -> content/posts/2015/2015-01-05-draft-post.md',
      '  converted  _posts/2015-02-10-custom.md -> content/posts/2015/2015-02-10-custom.md',
      '  converted  _posts/2015-03-01-fixed.md -> content/posts/2015/2015-03-01-fixed.md',
      '  converted  _posts/2015-04-01-no-title.md -> content/posts/2015/2015-04-01-no-title.md',
      '  converted  _posts/2015-05-01-page.html -> content/posts/2015/2015-05-01-page.md',
    ]);
    const changesOf = (source: string) => {
      const start = lines.findIndex((l) => l.includes(`converted  ${source} `));
      const end = lines.findIndex((l, i) => i > start && !l.startsWith('    changed'));
      return lines.slice(start + 1, end).map((l) => l.replace(/^ {4}changed {2}/, ''));
    };
    assert.deepEqual(changesOf('_posts/2014-10-13-hello-world.md'), [
      "permalink /web/docker/2014/10/13/hello-world.html added (the site's pattern /:year/:month/:day/:slug/ gives /2014/10/13/hello-world/)",
      'layout: post dropped (Colophon uses its post template)',
      '2 {% highlight %} blocks rewritten as fenced code',
      'highlight options dropped: linenos',
    ]);
    assert.deepEqual(changesOf('_posts/2014-11-02-space-categories.markdown').slice(1), [
      'Liquid filled in: {{ site.url }}',
      'Liquid at line 6 left in an HTML comment, convert it by hand: {% include note.html content="kept" %}',
    ]);
    assert.ok(changesOf('_posts/2015-01-05-Draft-Post.md').includes('published: false became draft: true'));
    assert.deepEqual(lines.filter((l) => l.startsWith('  skipped')), [
      '  skipped    _posts/notes.md: its name does not start with a date, as in 2014-10-13-title.md (Jekyll did not publish it)',
    ]);
    assert.ok(lines.includes('7 posts converted (7 changed), 1 skipped.'));
    assert.match(
      out,
      /^note: dates were kept as written; .* now "UTC", but the old blog's _config\.yml names "America\/Los_Angeles": set timezone: 'America\/Los_Angeles' in site\.config\.ts\.$/m,
    );
  });

  it("reports Blogofile's changes and skips, and names the timezone from _config.py", async () => {
    const dir = freshSite({ timezone: 'America/New_York' });
    const { out } = await run(['import', 'blogofile', BLOGOFILE, dir]);
    assert.match(
      out,
      /converted {2}_posts\/001 - first post\.markdown -> content\/posts\/2009\/2009-08-22-first-post\.md\n {4}changed {2}1 \$\$code block rewritten as fenced code\n {2}converted/,
    );
    assert.match(out, /changed {2}permalink \/2009\/08\/29\/custom-address\/ added/);
    assert.match(out, /changed {2}code block options dropped: linenums=True, style=murphy/);
    assert.match(
      out,
      /skipped {4}_posts\/005 - notes\.textile: Textile has no converter here: convert it to Markdown by hand/,
    );
    assert.match(out, /skipped {4}_posts\/006 - undated\.markdown: it has no date/);
    assert.match(out, /^4 posts converted \(4 changed\), 2 skipped\.$/m);
    assert.match(out, /note: .* now "America\/New_York", the timezone the old blog's _config\.py names\./);
  });

  it('fails with a coded error for an unknown engine or a folder without _posts', async () => {
    const dir = freshSite();
    const engine = await run(['import', 'wordpress', BLOGOFILE, dir]);
    assert.equal(engine.code, 1);
    assert.match(engine.err, /error\[E_IMPORT_ENGINE\]: cannot import from "wordpress"/);
    assert.match(engine.err, /hint: known engines: blogofile, hugo, jekyll/);
    const folder = await run(['import', 'jekyll', join(dir, 'nowhere'), dir]);
    assert.equal(folder.code, 1);
    assert.match(folder.err, /error\[E_IMPORT_SOURCE\] .*nowhere: no _posts folder in /);
    assert.equal((await run(['import', 'jekyll'])).code, 1, 'a usage error without the folder');
    assert.deepEqual(listTree(dir), ['site.config.ts']);
  });
});
