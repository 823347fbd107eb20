import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type DevServer, serve } from '../src/serve/server.ts';
import { searchSite } from './support/search-site.ts';
import { buildFails, buildInMemory, buildOk, cli, post } from './support/site.ts';

const entry = (text: string) =>
  JSON.parse(text) as { version: string; languages: Record<string, { page_count: number }> };

describe('search: true', () => {
  it('puts a Pagefind index of every post and page into the output, its manifest and its digest', async () => {
    const dir = searchSite();
    const built = await buildInMemory(dir);
    const bundle = built.paths.filter((p) => p.startsWith('pagefind/'));
    assert.ok(bundle.includes('pagefind/pagefind.js'));
    assert.ok(bundle.some((p) => /^pagefind\/fragment\/de_[0-9a-f]+\.pf_fragment$/.test(p)));
    assert.deepEqual(entry(built.read('pagefind/pagefind-entry.json')).languages.de?.page_count, 3);
    const written = await buildOk(dir);
    assert.equal(written.digest, built.digest);
    assert.deepEqual(written.manifest.files.filter((f) => f.path.startsWith('pagefind/')).map((f) => f.path), bundle);
    const verify = cli(['verify', dir, join(dir, 'dist')]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /0 different, 0 missing/);
  });

  it('adds the search box, which without JavaScript is a link to the archive', async () => {
    const html = (await buildInMemory(searchSite())).read('2024/03/01/kastanie/index.html');
    assert.match(html, /<div class="site-search" data-search-bundle="\/blog\/pagefind\/">/);
    assert.match(html, /<a class="search-fallback" href="\/blog\/archive\/">Search the archive<\/a>/);
    assert.match(html, /<article class="entry" data-pagefind-body>/);
    const off = (await buildInMemory(searchSite({ search: false }))).read('2024/03/01/kastanie/index.html');
    assert.doesNotMatch(off, /data-search-bundle|data-pagefind|<script type="module"/);
  });

  it('builds the same index whatever order the pages are rendered in (--check-determinism)', () => {
    const run = cli(['build', searchSite(), '--check-determinism']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /The output is deterministic/);
  });

  it('keeps pagefind/ for the index: a file of public/ there is a collision', async () => {
    const failure = await buildFails(searchSite({}, { 'public/pagefind/pagefind.js': '// mine\n' }));
    assert.equal(failure.errors[0]!.code, 'E_COLLISION');
    assert.match(failure.errors[0]!.message, /public\/pagefind\/pagefind\.js and the search index \(pagefind\/\)/);
  });

  it('reports a missing Pagefind binary, or one that stops, as E_SEARCH without a stack trace', () => {
    const dir = searchSite();
    const stops = join(dir, 'stops.sh');
    writeFileSync(stops, '#!/bin/sh\nif [ "$1" = --version ]; then echo pagefind; exit 0; fi\nexit 3\n');
    chmodSync(stops, 0o755);
    const cases: [string, RegExp][] = [
      [join(dir, 'no-such-pagefind'), /^error\[E_SEARCH\]: Pagefind could not be started: .*ENOENT/m],
      [stops, /^error\[E_SEARCH\]: Pagefind stopped before the index was done \((exit code 3|write EPIPE)\)/m],
    ];
    for (const [binary, message] of cases) {
      const run = cli(['build', dir], { PAGEFIND_EXTENDED_BINARY_PATH: binary });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /^\s+at /m);
      assert.equal(existsSync(join(dir, 'dist')), false);
    }
  });
});

describe('search in colophon serve', () => {
  let dir: string;
  let server: DevServer;
  before(async () => {
    dir = searchSite();
    server = await serve(dir, { port: 0, host: '127.0.0.1' });
  });
  after(() => server?.close());

  const get = async (path: string) => {
    const response = await fetch(new URL(path, server.url));
    return { status: response.status, text: await response.text() };
  };

  it('serves the index, made again on the first request after an edit', async () => {
    const first = await get('pagefind/pagefind-entry.json');
    assert.equal(first.status, 200);
    assert.equal(entry(first.text).languages.de?.page_count, 3);
    writeFileSync(join(dir, 'content/posts/2024-05-01-linde.md'), post({ title: 'Die Linde' }, 'Sie duftet.\n'));
    await server.settled();
    const second = await get('pagefind/pagefind-entry.json');
    assert.equal(entry(second.text).languages.de?.page_count, 4);
    assert.equal((await get('pagefind/pagefind.js')).status, 200);
    assert.equal((await get('pagefind/no-such-file.js')).status, 404);
  });

  it('gives the same index as a build of the same sources', async () => {
    const built = await buildInMemory(dir);
    const served = await get('pagefind/pagefind-entry.json');
    assert.equal(served.text, built.read('pagefind/pagefind-entry.json'));
  });
});
