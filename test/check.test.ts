import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, config, post, ROOT, runCli, writeSite } from './support/site.ts';

/** `colophon check --json`: each problem as an object, then the summary. */
async function check(args: string[]) {
  const run = await runCli(['check', ...args, '--json']);
  const lines = run.out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { code: run.code, problems: lines.filter((l) => l.type !== 'summary'), summary: lines.at(-1), err: run.err };
}

const brief = (p: { type: string; kind: string; file?: string; line?: number; theme: boolean; target: string }) =>
  `${p.type} ${p.kind} ${p.theme ? 'layouts' : `${p.file}:${p.line}`} ${p.target}`;

const BROKEN = `Intro.

A [broken link](/gone/) and [a fragment](#nope).

See [b's missing part](../../02/b/#missing) and [b's real part](../../02/b/#real-part).

<img src="/pic.png">

<div id="dup"></div><div id="dup"></div>

[Outside](https://check.example/other/), [fine](/about/) and [mail](mailto:me@check.example).
`;

function brokenSite(): string {
  return writeSite({
    'site.config.ts': config({ title: 'T', url: 'https://check.example/blog/' }),
    'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, BROKEN),
    'content/posts/b.md': post({ title: 'B', date: '2024-01-02' }, '## Real part\n\nText.\n'),
    'content/about.md': '---\ntitle: About\n---\nAbout.\n',
    'public/pic.png': 'x',
    'layouts/page.eta': `${readFileSync(join(ROOT, 'layouts/page.eta'), 'utf8')}<a href="/blog/abuot/">typo</a>\n`,
  });
}

describe('colophon check', () => {
  it("passes on the repository's example site", () => {
    const run = cli(['check', ROOT]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Checked \d+ files: 0 errors, 0 warnings; passed\.$/m);
  });

  it('names the Markdown file and line, or the theme, of every broken link, fragment, id and image', async () => {
    const { code, problems, summary } = await check([brokenSite()]);
    assert.equal(code, 1);
    assert.deepEqual(problems.map(brief), [
      'error broken-fragment content/posts/a.md:7 /blog/2024/01/01/a/#nope',
      'error broken-link content/posts/a.md:7 /blog/gone/',
      'error broken-fragment content/posts/a.md:9 /blog/2024/01/02/b/#missing',
      'error duplicate-id content/posts/a.md:13 #a--dup',
      'error duplicate-id content/posts/a.md:13 #dup',
      'error outside-base content/posts/a.md:15 /other/',
      'error broken-link layouts /blog/abuot/',
      'warning no-alt content/posts/a.md:11 /blog/pic.png',
    ]);
    // A post's broken link is found on its page, the front page and its month: reported once.
    const gone = problems.find((p) => p.target === '/blog/gone/');
    assert.equal(gone.page, '2024/01/01/a/index.html');
    assert.equal(gone.pages, 3);
    assert.deepEqual([summary.errors, summary.warnings, summary.passed], [7, 1, false]);
    const human = cli(['check', brokenSite()]);
    assert.match(
      human.stdout,
      /^error content\/posts\/a\.md:7: links to \/blog\/gone\/, which is not in the site \(on 2024\/01\/01\/a\/index\.html and 2 other pages\)$/m,
    );
    assert.match(
      human.stdout,
      /^error layouts \(the theme\): links to \/blog\/abuot\/, which is not in the site \(on about\/index\.html\)$/m,
    );
    assert.match(human.stdout, /^Checked 11 files: 7 errors, 1 warning; failed\.$/m);
  });

  it('passes with warnings, unless --strict', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'T' }),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, '<img src="/pic.png">\n'),
      'public/pic.png': 'x',
    });
    assert.equal((await check([dir])).code, 0);
    const strict = await check([dir, '--strict']);
    assert.equal(strict.code, 1);
    assert.deepEqual(strict.problems.map(brief), ['warning no-alt content/posts/a.md:5 /pic.png']);
  });

  it('checks an output folder with --out: feeds without required elements or with relative links, and the sitemap', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'T', url: 'https://check.example/', feeds: ['atom', 'rss'] }),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, 'Text.\n'),
    });
    assert.equal(cli(['build', dir]).status, 0);
    const out = join(dir, 'dist');
    assert.equal((await check([dir, '--out', out])).code, 0, 'as built, it passes');
    const atom = join(out, 'feed/atom.xml');
    writeFileSync(
      atom,
      readFileSync(atom, 'utf8').replace(/\n {4}<updated>[^<]*<\/updated>/, '').replace(
        '<p>Text.</p>',
        '<p><a href="../b/">b</a></p>',
      ),
    );
    const sitemap = join(out, 'sitemap.xml');
    writeFileSync(
      sitemap,
      readFileSync(sitemap, 'utf8').replace(
        '</urlset>',
        '<url><loc>https://check.example/feed/rss.xml</loc></url></urlset>',
      ),
    );
    const { code, problems } = await check([dir, '--out', out]);
    assert.equal(code, 1);
    assert.deepEqual(problems.map((p) => `${p.kind} ${p.file ?? p.page}: ${p.message}`), [
      'feed content/posts/a.md: the entry https://check.example/2024/01/01/a/ has a relative link "../b/" in its content',
      'feed feed/atom.xml: an Atom feed requires exactly one <updated>',
      'sitemap sitemap.xml: https://check.example/feed/rss.xml is feed/rss.xml, not a page',
    ]);
    const missing = await runCli(['check', dir, '--out', join(dir, 'nowhere')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /error\[E_CHECK_TARGET\]: .*nowhere holds no files/);
  });

  it('requests external links with --external: an error status fails, a redirect warns', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/moved') response.writeHead(301, { location: '/ok' }).end();
      else if (request.url === '/gone') response.writeHead(404).end();
      else if (request.url === '/no-head' && request.method === 'HEAD') response.writeHead(405).end();
      else response.writeHead(200).end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const site = (links: string) =>
        writeSite({
          'site.config.ts': config({ title: 'T' }),
          'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, `${links}\n`),
        });
      const dir = site(`[a](${base}/ok) [b](${base}/moved) [c](${base}/gone) [d](${base}/no-head)`);
      assert.equal((await check([dir])).code, 0, 'without --external, nothing is requested');
      const { code, problems } = await check([dir, '--external']);
      assert.equal(code, 1);
      assert.deepEqual(problems.map((p) => `${p.type} ${p.kind} ${p.file}:${p.line}: ${p.message}`), [
        `error external content/posts/a.md:5: links to ${base}/gone, which answered 404 Not Found`,
        `warning redirect content/posts/a.md:5: links to ${base}/moved, which redirects to ${base}/ok (301)`,
      ]);
      const onlyMoved = site(`[b](${base}/moved)`);
      assert.equal((await check([onlyMoved, '--external'])).code, 0);
      assert.equal((await check([onlyMoved, '--external', '--strict'])).code, 1);
    } finally {
      server.close();
    }
  });
});
