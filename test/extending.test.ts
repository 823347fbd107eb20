import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BuildFailure } from '../src/lib/errors.ts';
import { all, buildInMemory, cli, config, deno, digestOf, post, ROOT, runCli, writeSite } from './support/site.ts';

/** test/fixtures/plugins-site copied to a folder of its own, with this checkout's packages as its node_modules. */
function pluginsSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'colophon-plugins-'));
  cpSync(join(ROOT, 'test/fixtures/plugins-site'), dir, { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** Every id on the page, and every same-page fragment link: each link must land on an id. */
function checkFragments(html: string): { ids: string[]; links: string[] } {
  const ids = all(html, /\sid="([^"]*)"/g);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i)}`);
  const links = all(html, /\shref="#([^"]*)"/g).map((l) => decodeURIComponent(l));
  for (const link of links) assert.ok(ids.includes(link), `#${link} leads nowhere on the page`);
  return { ids, links };
}

describe('markdown plugins (markdown.plugins)', () => {
  it('applies a package plugin, an inline plugin and a local module, in order, on every thread', async () => {
    const dir = pluginsSite();
    // On this thread here, then on two worker threads, each of which loads site.config.ts itself.
    const built = await buildInMemory(dir, { cache: false });
    const first = main(built.read('2024/05/01/first/index.html'));
    assert.match(first, /Hello 👋 and welcome/); // the inline plugin, with its options
    assert.match(first, /<kbd class="key">Ctrl<\/kbd>\+<kbd class="key">S<\/kbd>/); // plugins/keyboard.ts
    assert.match(first, /<li id="fn1" class="footnote-item"><p>Or use the menu\./); // markdown-it-footnote
    const onThreads = cli(['build', dir, '--no-cache'], { COLOPHON_WORKERS: '2' });
    assert.equal(onThreads.status, 0, onThreads.stderr);
    assert.equal(digestOf(onThreads), built.digest);
  });

  it('gives the same digest on Node and on Deno', () => {
    const dir = pluginsSite();
    const node = cli(['build', dir, '--no-cache'], { COLOPHON_WORKERS: '2' });
    const onDeno = deno(['build', dir, '--no-cache'], { COLOPHON_WORKERS: '2' });
    assert.equal(node.status, 0, node.stderr);
    assert.equal(onDeno.status, 0, onDeno.stderr);
    assert.equal(digestOf(onDeno), digestOf(node));
  });

  it('renders again the bodies a change of plugin options or plugin code can change, and only then', async () => {
    const dir = pluginsSite();
    const first = await buildInMemory(dir);
    assert.deepEqual(first.bodies, { total: 3, rendered: 3 });
    assert.equal((await buildInMemory(dir)).bodies.rendered, 0, 'nothing changed');

    const configFile = join(dir, 'site.config.ts');
    const original = (await import('node:fs')).readFileSync(configFile, 'utf8');
    writeFileSync(configFile, original.replace("wave: '👋'", "wave: '🙋'"));
    const options = await buildInMemory(dir);
    assert.equal(options.bodies.rendered, 3);
    assert.match(options.read('2024/05/01/first/index.html'), /Hello 🙋/);

    writeFileSync(
      join(dir, 'plugins/keyboard.ts'),
      (await import('node:fs')).readFileSync(
        join(dir, 'plugins/keyboard.ts'),
        'utf8',
      ).replace("'kbd', 1", "'kbd', 1); open.attrSet('data-key', '1'"),
    );
    const code = await buildInMemory(dir);
    assert.equal(code.bodies.rendered, 3, 'a local module the config imports is part of the key');
    assert.match(code.read('2024/05/01/first/index.html'), /<kbd data-key="1" class="key">Ctrl/);
    assert.equal((await buildInMemory(dir)).bodies.rendered, 0);
  });

  it('renders again when options that site.config.ts reads from a file change, though its text does not', async () => {
    const dir = writeSite({
      'site.config.ts': `import { defineConfig } from 'colophon';
import { readFileSync } from 'node:fs';
const names = JSON.parse(readFileSync(new URL('./names.json', import.meta.url), 'utf8'));
function emoji(md: any, table: Record<string, string>) {
  md.core.ruler.push('emoji', (state: any) => {
    for (const block of state.tokens) {
      for (const t of block.type === 'inline' ? block.children : []) {
        if (t.type === 'text') t.content = t.content.replace(/:([a-z]+):/g, (m: string, n: string) => table[n] ?? m);
      }
    }
  });
}
export default defineConfig({ title: 'T', markdown: { plugins: [[emoji, names]] } });
`,
      'names.json': '{ "wave": "👋" }',
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, 'Hi :wave:\n'),
    });
    assert.match((await buildInMemory(dir)).read('2024/01/01/a/index.html'), /Hi 👋/);
    writeFileSync(join(dir, 'names.json'), '{ "wave": "🙋" }');
    const again = await buildInMemory(dir);
    assert.equal(again.bodies.rendered, 1, 'the options as loaded are part of the key');
    assert.match(again.read('2024/01/01/a/index.html'), /Hi 🙋/);
  });
});

describe('heading anchors and footnotes (on by default)', () => {
  const body = [
    'Intro with a note.[^1]',
    '',
    '## Über uns',
    '',
    '## Über uns',
    '',
    '## C++ & Rust: `unsafe`?',
    '',
    '## See [the docs](/docs/)',
    '',
    '[^1]: The note.',
    '',
  ].join('\n');

  it('gives every heading a stable, unique id that keeps its letters, and a self-link', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'T' }),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, body),
    });
    const page = main((await buildInMemory(dir)).read('2024/01/01/a/index.html'));
    assert.deepEqual(all(page, /<h2 id="([^"]*)"/g), ['über-uns', 'über-uns-1', 'c--rust-unsafe', 'see-the-docs']);
    assert.match(
      page,
      /<h2 id="über-uns">Über uns <a class="header-anchor" href="#über-uns" aria-label="Permalink to “Über uns”">#<\/a><\/h2>/,
    );
    assert.match(page, /<sup class="footnote-ref"><a href="#fn1" id="fnref1">\[1\]<\/a><\/sup>/);
    assert.match(page, /<li id="fn1" class="footnote-item"><p>The note\. <a href="#fnref1" class="footnote-backref">/);
    checkFragments(page);
  });

  it('keeps the ids of several posts on one list page apart, from the cache too', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'T' }),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01', categories: '[X]' }, body),
      'content/posts/b.md': post({ title: 'B', date: '2024-01-02', categories: '[X]' }, body),
      'content/posts/2023/a.md': post({ title: 'Old A', date: '2023-01-01', categories: '[X]' }, body),
    });
    for (const round of ['rendered', 'cached']) {
      const built = await buildInMemory(dir);
      assert.equal(built.bodies.rendered, round === 'rendered' ? 3 : 0);
      for (const list of ['index.html', 'category/x/index.html']) {
        const page = main(built.read(list));
        const { ids } = checkFragments(page);
        assert.ok(ids.includes('a--fn1') && ids.includes('b--fn1') && ids.includes('a-2--fn1'), `${list}: ${ids}`);
        assert.ok(ids.includes('b--über-uns-1'));
      }
      // The post's own page keeps the plain ids, so that links to its sections stay short.
      assert.ok(checkFragments(main(built.read('2024/01/02/b/index.html'))).ids.includes('fn1'));
    }
  });

  it("keeps ids apart when one post's slug is another's prefix with a number", async () => {
    // "a" twice gives "a--" and "a-2--", which would be the prefix of the post whose slug is "a-2".
    const dir = writeSite({
      'site.config.ts': config({ title: 'T' }),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-03' }, body),
      'content/posts/a-2.md': post({ title: 'A 2', date: '2024-01-02' }, body),
      'content/posts/old/a.md': post({ title: 'Old A', date: '2024-01-01' }, body),
    });
    checkFragments(main((await buildInMemory(dir)).read('index.html')));
  });

  it('sends a footnote that an excerpt cuts off to the post page, and feeds to absolute links', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'T', excerpts: true, url: 'https://blog.example/' }),
      'content/posts/a.md': post(
        { title: 'A', date: '2024-01-01' },
        'Before the cut.[^n]\n\n<!-- more -->\n\nAfter.\n\n[^n]: The note.\n',
      ),
    });
    const built = await buildInMemory(dir);
    const index = main(built.read('index.html'));
    assert.match(index, /<a href="\/2024\/01\/01\/a\/#fn1" id="a--fnref1">\[1\]<\/a>/);
    assert.doesNotMatch(index, /The note/);
    const feed = built.read('feed/atom.xml');
    assert.match(feed, /href="https:\/\/blog\.example\/2024\/01\/01\/a\/#fn1"/);
  });

  it('can be switched off', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'T', markdown: { anchors: false, footnotes: false } }),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, body),
    });
    const page = main((await buildInMemory(dir)).read('2024/01/01/a/index.html'));
    assert.match(page, /<h2>Über uns<\/h2>/);
    assert.doesNotMatch(page, /header-anchor|footnote/);
    assert.match(page, /\[\^1\]: The note\./);
  });
});

describe('helpers, data and transforms', () => {
  it('gives templates it.helpers and it.site.data, and runs transforms on pages but not feeds', async () => {
    const built = await buildInMemory(pluginsSite());
    const about = main(built.read('about/index.html'));
    assert.match(about, /<h1 class="page-title">ABOUT<\/h1>/);
    assert.deepEqual(all(about, /<li><a rel="noopener" href="([^"]*)"/g), [
      'https://github.com/markdown-it/markdown-it',
      'https://eta.js.org/',
    ]);
    assert.match(built.read('2024/05/01/first/index.html'), /<a rel="noopener" href="https:\/\/example\.org\/docs">/);
    assert.doesNotMatch(built.read('feed/atom.xml'), /noopener/);
  });

  it('reloads helpers and data when the dev server sees site.config.ts change', async () => {
    const { serve } = await import('../src/serve/server.ts');
    const dir = writeSite({
      'site.config.ts': configWith("helpers: { mark: (t: string) => `[${t}]` }, data: { motto: 'one' }"),
      'layouts/page.eta': '<% layout(\'@base\') %><p id="m"><%= it.helpers.mark(it.site.data.motto) %></p>',
      'content/about.md': '---\ntitle: About\n---\nHi.\n',
    });
    const server = await serve(dir, { port: 0, host: '127.0.0.1', drafts: true, cache: false, log: () => {} });
    try {
      const motto = async () => /<p id="m">([^<]*)<\/p>/.exec(await (await fetch(`${server.url}about/`)).text())?.[1];
      assert.equal(await motto(), '[one]');
      writeFileSync(
        join(dir, 'site.config.ts'),
        configWith("helpers: { mark: (t: string) => `<${t}>` }, data: { motto: 'two' }"),
      );
      let seen: string | undefined;
      for (let i = 0; i < 100 && seen !== '&lt;two&gt;'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        seen = await motto();
      }
      assert.equal(seen, '&lt;two&gt;');
    } finally {
      await server.close();
    }
  });
});

function configWith(fields: string): string {
  return `import { defineConfig } from 'colophon';\nexport default defineConfig({ title: 'T', ${fields} });\n`;
}

describe('extension mistakes', () => {
  const site = (fields: string, files: Record<string, string> = {}) =>
    writeSite({
      'site.config.ts': configWith(fields),
      'content/posts/a.md': post({ title: 'A', date: '2024-01-01' }, 'Text :x:\n'),
      'content/posts/b.md': post({ title: 'B', date: '2024-01-02' }, 'Text :x:\n'),
      ...files,
    });

  it("names the plugin, the source being rendered, and the top of the plugin's stack", async () => {
    const dir = site(`markdown: { plugins: [function exploding(md: any) {
      md.core.ruler.push('explode', (state: any) => { if (state.src.includes(':x:')) throw new Error('no :x: here'); });
    }] }`);
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /error\[E_PLUGIN\] content\/posts\/a\.md: markdown\.plugins\[0\] \(exploding\) threw while rendering this file \(and 1 other file\): no :x: here/,
    );
    assert.match(run.err, /\n {4}at .*site\.config\.ts/);
    assert.doesNotMatch(run.err, /internal error/);
    // The same on worker threads.
    const threads = cli(['build', dir], { COLOPHON_WORKERS: '2' });
    assert.equal(threads.status, 1);
    assert.match(threads.stderr, /error\[E_PLUGIN\] content\/posts\/a\.md: markdown\.plugins\[0\] \(exploding\)/);
  });

  it('reports a plugin that fails while it is applied, naming site.config.ts', async () => {
    const dir = site(
      `markdown: { plugins: [[function picky(md: any, o: any) { if (!o.ok) throw new Error('needs ok'); }, {}]] }`,
    );
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /error\[E_PLUGIN\] site\.config\.ts: markdown\.plugins\[0\] \(picky\) failed while being applied: needs ok/,
    );
  });

  it('rejects a plugins entry of the wrong shape with a hint', async () => {
    for (
      const [entry, says] of [
        ["'markdown-it-footnote'", /not the name "markdown-it-footnote": import it and list what it exports/],
        ['{ default: () => {} }', /this is a module object: list its default export/],
        ['[() => {}, {}, 3]', /this list has 3 items/],
      ] as const
    ) {
      const failure = await buildInMemory(site(`markdown: { plugins: [${entry}] }`)).catch((e) => e);
      assert.ok(failure instanceof BuildFailure, String(failure));
      const [error] = failure.errors;
      assert.equal(error!.code, 'E_CONFIG_KEY');
      assert.match(
        error!.message,
        /"markdown" \.plugins\[0\] must be a markdown-it plugin \(a function\) or \[plugin, options\]/,
      );
      assert.match(error!.message, says);
    }
  });

  it('calls helpers with it.helpers as this, so that they can call each other', async () => {
    const dir = site("helpers: { a(this: any) { return `[${this.b()}]`; }, b: () => 'b' }", {
      'layouts/post.eta': '<% layout(\'@base\') %>\n<p id="h"><%= it.helpers.a() %></p>\n',
    });
    assert.match((await buildInMemory(dir)).read('2024/01/01/a/index.html'), /<p id="h">\[b\]<\/p>/);
  });

  it('names the helper, the template and the page when a helper throws', async () => {
    const dir = site("helpers: { year: () => { throw new Error('no year'); } }", {
      'layouts/post.eta': "<% layout('@base') %>\n<p><%= it.helpers.year() %></p>\n",
    });
    const run = await runCli(['build', dir]);
    assert.equal(run.code, 1);
    assert.match(
      run.err,
      /error\[E_TEMPLATE\] layouts\/post\.eta:2: the helper "year" threw: no year \(while rendering content\/posts\/a\.md\)/,
    );
  });

  it('names the transform and the page when a transform throws or returns no HTML', async () => {
    const throws = await runCli(['build', site("transforms: [function minify() { throw new Error('bad'); }]")]);
    assert.equal(throws.code, 1);
    assert.match(
      throws.err,
      /error\[E_TRANSFORM\] site\.config\.ts: transforms\[0\] \(minify\) threw on 2024\/01\/01\/a\/index\.html: bad/,
    );
    const returns = await runCli(['build', site('transforms: [async (html: string) => html]')]);
    assert.equal(returns.code, 1);
    assert.match(returns.err, /transforms\[0\] returned a promise \(transforms must not be async\)/);
  });

  it('rejects functions in data, and helpers that are not functions', async () => {
    const data = await buildInMemory(site('data: { menu: [{ href: () => 1 }] }')).catch((e) => e);
    assert.match(
      data.errors[0].message,
      /"data" holds a function at data\.menu\[0\]\.href; functions belong in "helpers"/,
    );
    const helpers = await buildInMemory(site("helpers: { year: 'no' }")).catch((e) => e);
    assert.match(helpers.errors[0].message, /"helpers" \.year must be a function/);
  });
});
