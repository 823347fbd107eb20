import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, deno, ROOT, writeSite } from './support/site.ts';

/** `colophon build --check-determinism`: two builds in memory, the second under other conditions. */
describe('build --check-determinism', () => {
  it('passes on the example site, the edge fixture and the plugins fixture, and writes nothing', () => {
    const plugins = mkdtempSync(join(tmpdir(), 'colophon-check-plugins-'));
    cpSync(join(ROOT, 'test/fixtures/plugins-site'), plugins, { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(plugins, 'node_modules'));
    const edge = mkdtempSync(join(tmpdir(), 'colophon-check-edge-'));
    cpSync(join(ROOT, 'test/fixtures/edge-site'), edge, { recursive: true });
    for (const dir of [ROOT, edge, plugins]) {
      const run = cli(['build', dir, '--check-determinism']);
      assert.equal(run.status, 0, `${dir}:\n${run.stdout}${run.stderr}`);
      assert.match(
        run.stdout,
        /the second time with the clock 40 years ahead, Math\.random reseeded, TZ=\S+, LANG=\S+/,
      );
      assert.match(run.stdout, /The output is deterministic: the same \d+ files both times, sha256:[0-9a-f]{64}\./);
    }
    assert.equal(existsSync(join(edge, 'dist')), false);
    assert.equal(existsSync(join(edge, 'node_modules')), false, 'nor a cache');
    assert.equal(existsSync(join(plugins, 'dist')), false);
  });

  /** A page per condition, each printing what one helper gives; "steady" uses none. */
  const pages: Record<string, string> = {
    clock: 'it.helpers.year()',
    random: 'it.helpers.dice()',
    timezone: 'it.helpers.hour()',
    locale: 'it.helpers.number()',
    'order-1': 'it.helpers.count()',
    'order-2': 'it.helpers.count()',
    steady: '"same"',
  };
  /** The pages whose helper reads one of the conditions the second build changes: all but "steady". */
  const DEPENDENT = Object.keys(pages).filter((name) => name !== 'steady').sort().map((name) => `${name}/index.html`);
  const site = () =>
    writeSite({
      'site.config.ts': `import { defineConfig } from 'colophon';
let pages = 0;
export default defineConfig({
  title: 'T',
  helpers: {
    year: () => new Date().getUTCFullYear(),
    dice: () => Math.floor(Math.random() * 1e9),
    hour: () => new Date(Date.UTC(2020, 0, 1)).getHours(),
    number: () => (1234.5).toLocaleString(),
    count: () => ++pages,
  },
});
`,
      ...Object.fromEntries(
        Object.entries(pages).map(([name, call]) => [
          `layouts/${name}.eta`,
          `<% layout('@base') %>\n<p class="probe"><%= ${call} %></p>\n`,
        ]),
      ),
      ...Object.fromEntries(
        Object.keys(pages).map((name) => [`content/${name}.md`, `---\ntitle: ${name}\nlayout: ${name}\n---\nText.\n`]),
      ),
    });

  it('names every page that depends on the clock, Math.random, TZ, LANG or order, and exits 1', () => {
    const dir = site();
    const run = cli(['build', dir, '--check-determinism']);
    assert.equal(run.status, 1, run.stderr);
    const differing = [...run.stdout.matchAll(/ {2}differs {2}(\S+), from byte \d+:/g)].map((m) => m[1]);
    assert.deepEqual(differing, DEPENDENT);
    // The first differing bytes of each build, around the difference.
    assert.match(
      run.stdout,
      /differs {2}clock\/index\.html, from byte \d+:\n {6}first: {2}….*<p class="probe">20\d\d<\/p>/,
    );
    assert.match(run.stdout, /\n {6}second: ….*<p class="probe">20[6-9]\d<\/p>/);
    assert.match(
      run.stdout,
      /\n6 files differ: something in the site \(a plugin, helper, transform or template\) depends/,
    );
    assert.equal(existsSync(join(dir, 'dist')), false, 'nothing is written');
  });

  it('works the same on Deno', () => {
    const dir = site();
    const run = deno(['build', dir, '--check-determinism']);
    assert.equal(run.status, 1, run.stderr);
    const differing = [...run.stdout.matchAll(/ {2}differs {2}(\S+), from byte \d+:/g)].map((m) => m[1]);
    assert.deepEqual(differing, DEPENDENT);
  });

  it('names a post a plugin renders differently on a worker thread, and leaves the caches alone', () => {
    // A plugin that behaves well on the main thread only: the check's first build renders on the
    // main thread, its second on worker threads.
    const dir = writeSite({
      'site.config.ts': `import { defineConfig } from 'colophon';
import { isMainThread } from 'node:worker_threads';
function where(md: any) {
  md.core.ruler.push('where', (state: any) => {
    if (!isMainThread) state.tokens.push(Object.assign(new state.Token('html_block', '', 0), { content: '<p>on a thread</p>' }));
  });
}
export default defineConfig({ title: 'T', markdown: { plugins: [where] } });
`,
      'content/posts/a.md': '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n',
    });
    const run = cli(['build', dir, '--check-determinism']);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, / {2}differs {2}2024\/01\/01\/a\/index\.html, from byte \d+:/);
    assert.match(run.stdout, /3 worker threads \(the first: none\)/);
    assert.equal(existsSync(join(dir, 'node_modules')), false, 'no cache was read or written');
  });

  it('reports a second build that fails where the first succeeded', () => {
    const dir = writeSite({
      'site.config.ts': `import { defineConfig } from 'colophon';
export default defineConfig({
  title: 'T',
  helpers: { check: () => { if (new Date().getUTCFullYear() > 2050) throw new Error('the future'); return 'ok'; } },
});
`,
      'layouts/page.eta': "<% layout('@base') %>\n<p><%= it.helpers.check() %></p>\n",
      'content/about.md': '---\ntitle: About\n---\nText.\n',
    });
    const run = cli(['build', dir, '--check-determinism']);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /The second build failed where the first succeeded:\n.*E_TEMPLATE.*the helper "check" threw: the future/,
    );
    assert.doesNotMatch(run.stderr, /internal error/);
  });
});
