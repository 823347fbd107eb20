import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../src/cli.ts';
import { oldUrls, serveFinally, visibleTemplateSyntax } from './support/old-urls.ts';
import { buildInMemory, listTree, ROOT } from './support/site.ts';

/**
 * Each realistic old blog under test/fixtures/old-* is imported into an empty folder, built by
 * the real pipeline with the site.config.ts the importer wrote, and every public URL the fixture
 * lists must still answer: as a page, a feed (Atom or RSS, with entries), a file, or a redirect
 * that ends at one of those.
 */
async function importInto(engine: string): Promise<{ dir: string; fixture: string; out: string }> {
  const fixture = join(ROOT, `test/fixtures/old-${engine}`);
  const dir = mkdtempSync(join(tmpdir(), `colophon-import-${engine}-`));
  const out: string[] = [];
  const code = await main(['import', engine, fixture, dir], { out: (l) => out.push(l), err: (l) => out.push(l) });
  assert.equal(code, 0, out.join('\n'));
  return { dir, fixture, out: out.join('\n') };
}

async function assertKeepsEveryUrl(engine: string, statics: string[], directoryIndexXml = false) {
  const { dir, fixture, out } = await importInto(engine);
  assert.ok(existsSync(join(dir, 'site.config.ts')), 'the settings were written as the site configuration');
  const built = await buildInMemory(dir);
  const lost = oldUrls(fixture).flatMap((url) => {
    const answer = serveFinally(built, url, directoryIndexXml);
    return typeof answer === 'string' ? [answer] : [];
  });
  assert.deepEqual(lost, [], `every old URL is served\n${out}`);
  for (const file of statics) {
    const from = readFileSync(join(fixture, file));
    const to = file.replace(/^(static|content)\//, '');
    assert.ok(built.output.has(to), `${to} came over`);
    assert.deepEqual(Buffer.from(built.output.get(to)!), from, `${to} is the same bytes`);
  }
  const shown = built.paths.filter((p) => p.endsWith('.html')).flatMap((p) =>
    visibleTemplateSyntax(built.read(p)).map((s) => `${p}: ${s}`)
  );
  assert.deepEqual(shown, [], 'no page shows template syntax');
  return { dir, built, out };
}

describe('importing a whole blog keeps every public URL', () => {
  it('Hugo: posts, bundles, pages, section and term lists, RSS feeds and static files', async () => {
    const { built, out } = await assertKeepsEveryUrl('hugo', [
      'static/css/extra.css',
      'static/images/logo.png',
      'static/robots.txt',
      'content/post/trip-to-the-fair/stand.jpg',
    ]);
    const feed = built.read('post/index.xml');
    assert.match(
      feed,
      /<link>https:\/\/field-notes\.example\.net\/post\/index\.xml<\/link>|atom:link href="https:\/\/field-notes\.example\.net\/post\/index\.xml"/,
    );
    const trip = built.read('post/trip-to-the-fair/index.html');
    // The bundle's photo is shown resized (issue 21), its alt kept.
    assert.match(
      trip,
      /<figure><picture><source type="image\/webp" srcset="\/post\/trip-to-the-fair\/stand-8w\.webp 8w"[^>]*><img src="\/post\/trip-to-the-fair\/stand-8w\.jpg" [^>]*alt="A table full of relay boards"/,
    );
    assert.match(built.read('post/first-light/index.html'), /data-lang="c"/);
    assert.match(built.read('post/scope-video/index.html'), /youtube-nocookie\.com\/embed\/w7Ft2ymGmfc/);
    assert.match(
      out,
      /Hugo shortcode at line 9 left in an HTML comment, convert it by hand: \{\{< gist example_maker 5b1f0c5a >\}\}/,
    );
    assert.match(out, /^ {2}alias {2}\/tags\/c\+\+\/ -> \/tags\/c-plus-plus\/ {2}\(tag C\+\+\)$/m);
  });

  it('Jekyll: posts at their .html URLs, redirect_from, pages, the Atom feed at /feed.xml and /atom.xml', async () => {
    const { built, out } = await assertKeepsEveryUrl('jekyll', [
      'css/main.css',
      'images/glaze-chart.png',
      'images/kiln.jpg',
      'assets/js/site.js',
      'CNAME',
    ]);
    assert.match(built.read('kilns/2016/01/10/first-firing.html'), /<h1[^>]*>First firing/);
    assert.match(
      built.read('glazes/2016/02/14/glaze-chart.html'),
      /src="https:\/\/kiln\.example\.com\/images\/glaze-chart\.png"/,
    );
    assert.match(built.read('feed.xml'), /<feed [^>]*xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.match(built.read('feed.xml'), /<name>Mara Example<\/name>/, 'the author from _config.yml');
    assert.ok(!built.output.has('notes-to-self.txt') && !built.output.has('Gemfile'), 'excluded files stay behind');
    assert.match(
      out,
      /Liquid at line 8 left in an HTML comment, convert it by hand: \{% include figure\.html caption="A bowl" %\}/,
    );
  });

  it('Blogofile: blog.path, categories, pagination, feeds in index.xml folders, month archives', async () => {
    const { built, out } = await assertKeepsEveryUrl('blogofile', ['css/site.css', 'img/signal.png'], true);
    assert.match(built.read('blog/feed/index.xml'), /<rss /);
    assert.match(built.read('blog/feed/atom/index.xml'), /<feed /);
    assert.match(built.read('blog/2010/02/13/driving-trains-from-python/index.html'), /data-lang="python"/);
    assert.match(out, /DirectoryIndex index\.html index\.xml/);
    assert.match(out, /skipped {4}_posts\/013 - old notes\.rst: reStructuredText has no converter here/);
  });
});

describe('colophon import beside an existing configuration', () => {
  it('writes nothing over site.config.ts, prints the settings and writes them beside it; --dry-run writes nothing', async () => {
    const fixture = join(ROOT, 'test/fixtures/old-hugo');
    const dir = mkdtempSync(join(tmpdir(), 'colophon-import-existing-'));
    const { writeFileSync } = await import('node:fs');
    const mine = "import { defineConfig } from 'colophon';\nexport default defineConfig({ title: 'Mine' });\n";
    writeFileSync(join(dir, 'site.config.ts'), mine);
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    assert.equal(await main(['import', 'hugo', fixture, dir, '--dry-run'], io), 0);
    assert.deepEqual(listTree(dir), ['site.config.ts'], 'a dry run writes nothing');
    assert.match(lines[0]!, /^Would import Hugo posts from .* \(dry run: nothing written\):$/);
    const dry = lines.join('\n');
    lines.length = 0;
    assert.equal(await main(['import', 'hugo', fixture, dir], io), 0);
    assert.equal(readFileSync(join(dir, 'site.config.ts'), 'utf8'), mine);
    const beside = readFileSync(join(dir, 'site.config.import.ts'), 'utf8');
    assert.match(beside, /^ {2}postsPerPage: 4,$/m);
    assert.match(
      lines.join('\n'),
      /site\.config\.ts exists and was left alone: add these settings to it \(also written to site\.config\.import\.ts\):\n {4}title: 'Field Notes on Small Machines',/,
    );
    const report = (text: string) => text.split('\n').filter((l) => /^ {2}(same|alias|lost|converted|page) /.test(l));
    assert.deepEqual(report(lines.join('\n')), report(dry), 'the dry run reported the same');
  });
});
