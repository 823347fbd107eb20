import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { all, buildFails, buildInMemory, buildOk, cli, config, listTree, post, writeSite } from './support/site.ts';

const site = (files: Record<string, string>, fields: Record<string, unknown> = {}) =>
  writeSite({ 'site.config.ts': config(fields), ...files });
const codes = async (dir: string) => (await buildFails(dir)).errors.map((e) => [e.code, e.file, e.line, e.message]);

describe('hostile front matter', () => {
  it('names the file and line for each kind of broken front matter', async () => {
    const dir = site({
      'content/posts/a-yaml.md': '---\ntitle: "unterminated\ndate: 2020-01-01\n---\n',
      'content/posts/b-unclosed.md': '---\ntitle: Never closed\ndate: 2020-01-01\n\nbody\n',
      'content/posts/c-list-title.md': '---\ntitle: [a, b]\ndate: 2020-01-01\n---\n',
      'content/posts/d-empty.md': '',
      'content/posts/e-nul.md': '---\ntitle: x\ndate: 2020-01-01\n---\nbinary \u0000 here\n',
      'content/posts/f-map-categories.md': '---\ntitle: x\ndate: 2020-01-01\ncategories: { a: 1 }\n---\n',
    });
    const errors = await codes(dir);
    assert.deepEqual(errors.map(([code, file, line]) => [code, file, line]), [
      ['E_FRONTMATTER', 'content/posts/a-yaml.md', 4],
      ['E_FRONTMATTER', 'content/posts/b-unclosed.md', 1],
      ['E_FRONTMATTER_FIELD', 'content/posts/c-list-title.md', 2],
      ['E_FRONTMATTER_FIELD', 'content/posts/d-empty.md', undefined],
      ['E_BINARY', 'content/posts/e-nul.md', undefined],
      ['E_FRONTMATTER_FIELD', 'content/posts/f-map-categories.md', 4],
    ]);
    assert.match(String(errors[1]![3]), /never closed/);
    assert.equal(errors[2]![3], '"title" must be text, not a list');
    assert.equal(errors[3]![3], 'the title is missing');
    assert.equal(errors[5]![3], '"categories" must be a list or a comma-separated string, not a mapping');
  });

  it('takes a numeric title as text, and BOM or CRLF sources as if they were plain', async () => {
    const dir = site({
      'content/posts/number.md': '---\ntitle: 2014\ndate: 2020-01-01\n---\nYear.\n',
      'content/posts/bom-crlf.md':
        '\uFEFF---\r\ntitle: Windows\r\ndate: 2020-01-02\r\n---\r\nLine one.\r\nLine two.\r\n',
    });
    const built = await buildInMemory(dir);
    assert.match(built.read('2020/01/01/number/index.html'), /<h1 class="entry-title">2014<\/h1>/);
    assert.match(built.read('2020/01/02/bom-crlf/index.html'), /<p>Line one.\nLine two.<\/p>/);
    assert.doesNotMatch(built.read('2020/01/02/bom-crlf/index.html'), /\r|\uFEFF/);
  });

  it('builds a 10 MB post', async () => {
    const paragraph = 'A long paragraph of ordinary words that keeps going. '.repeat(40);
    const body = `${paragraph}\n\n`.repeat(Math.ceil(10_000_000 / (paragraph.length + 2)));
    const dir = site({ 'content/posts/big.md': post({ title: 'Big', date: '2020-01-01' }, body) });
    await buildOk(dir);
    assert.ok(readFileSync(join(dir, 'dist/2020/01/01/big/index.html')).length > 10_000_000);
  });
});

describe('hostile dates', () => {
  it('refuses days and months that do not exist', async () => {
    const dir = site({
      'content/posts/feb.md': post({ title: 'x', date: '2014-02-30' }),
      'content/posts/month.md': post({ title: 'x', date: '2014-13-01' }),
    });
    assert.deepEqual(await codes(dir), [
      ['E_FRONTMATTER_FIELD', 'content/posts/feb.md', 3, '"date" "2014-02-30" names a day or time that does not exist'],
      [
        'E_FRONTMATTER_FIELD',
        'content/posts/month.md',
        3,
        '"date" "2014-13-01" names a day or time that does not exist',
      ],
    ]);
  });

  it('prints years 1900 and 2300 in the site timezone', async () => {
    const dir = site(
      {
        'content/posts/old.md': post({ title: 'Old', date: '1900-01-01 12:00' }),
        'content/posts/future.md': post({ title: 'Future', date: '2300-07-01 12:00' }),
      },
      { timezone: 'Europe/Berlin' },
    );
    const built = await buildInMemory(dir);
    assert.deepEqual(all(built.read('index.html'), /<time datetime="([^"]+)">/g), [
      '2300-07-01T12:00:00+02:00',
      '1900-01-01T12:00:00+01:00',
    ]);
  });

  it('moves a time inside a DST gap forward by the gap (documented rule)', async () => {
    const dir = site({ 'content/posts/gap.md': post({ title: 'Gap', date: '2021-03-28 02:30' }) }, {
      timezone: 'Europe/Berlin',
    });
    const built = await buildInMemory(dir);
    assert.match(
      built.read('index.html'),
      /<time datetime="2021-03-28T03:30:00\+02:00">March 28, 2021 at 03:30 AM<\/time>/,
    );
  });
});

describe('hostile names', () => {
  const nasty = '<script>alert("x")</script> & \'quotes\' 🎉 東京 עברית';
  it('escapes titles, categories and config strings everywhere they are printed', async () => {
    const dir = site(
      {
        'content/posts/a.md': post({
          title: JSON.stringify(nasty),
          date: '2020-01-01',
          categories: JSON.stringify(`Cat ${nasty}`),
        }),
      },
      { title: `Blog ${nasty}`, description: `About ${nasty}`, author: { name: `Ann ${nasty}` } },
    );
    const built = await buildInMemory(dir);
    for (const file of built.paths) {
      const text = built.read(file);
      assert.doesNotMatch(text, /<script>alert/, file);
      assert.doesNotMatch(text, /"x"\)<\/script>/, file);
    }
    assert.match(
      built.read('2020/01/01/a/index.html'),
      /<title>&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;quotes&#39; 🎉 東京 עברית<\/title>/,
    );
    assert.match(
      built.read('feed/atom.xml'),
      /<title>Blog &lt;script&gt;alert\("x"\)&lt;\/script&gt; &amp; 'quotes' 🎉 東京 עברית<\/title>/,
    );
  });

  it('refuses categories that make no URL, naming the file', async () => {
    for (const name of ['..', '/', '.', '"  "']) {
      const dir = site({
        'content/posts/a.md': post({ title: 'x', date: '2020-01-01', categories: `[${JSON.stringify(name)}]` }),
      });
      const [error] = (await buildFails(dir)).errors;
      assert.equal(error!.file, 'content/posts/a.md', name);
      assert.ok(['E_CATEGORY_SLUG', 'E_FRONTMATTER_FIELD'].includes(error!.code), `${name}: ${error!.code}`);
    }
  });

  it('keeps every permalink inside the output folder', async () => {
    const cases: [string, RegExp][] = [
      ['/../../escape/', /"permalink" must not contain "\." or "\.\." segments/],
      ['https://evil.example/x/', /"permalink" must be a path, not a full URL/],
      ['//evil.example/x/', /"permalink" must be a path, not a full URL/],
      ['/a/%2e%2e/b/', /"permalink" must not contain "\." or "\.\." segments/],
    ];
    for (const [permalink, message] of cases) {
      const dir = site({
        'content/posts/a.md': post({ title: 'x', date: '2020-01-01', permalink: JSON.stringify(permalink) }),
      });
      const failure = await buildFails(dir);
      assert.match(failure.errors[0]!.message, message, permalink);
    }
    const dir = site({ 'content/posts/a.md': post({ title: 'x', date: '2020-01-01', permalink: '/etc/passwd' }) });
    await buildOk(dir);
    assert.ok(existsSync(join(dir, 'dist/etc/passwd')), 'an absolute-looking permalink is a path inside the site');
  });

  it('refuses slugs that differ only in case (one folder on macOS and Windows)', async () => {
    const dir = site({
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 'Hello' }),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-01 10:00', slug: 'hello' }),
    });
    const [error] = (await buildFails(dir)).errors;
    assert.equal(error!.code, 'E_COLLISION');
    assert.match(error!.message, /content\/posts\/a\.md and content\/posts\/b\.md/);
  });

  it('allows raw HTML in posts by default and escapes it with markdown: { html: false }', async () => {
    const body = 'Text <b>bold</b> and <span class="x">span</span>.\n';
    const trusted = await buildInMemory(site({ 'content/posts/a.md': post({ title: 'x', date: '2020-01-01' }, body) }));
    assert.match(trusted.read('2020/01/01/a/index.html'), /<b>bold<\/b>/);
    const strict = await buildInMemory(
      site({ 'content/posts/a.md': post({ title: 'x', date: '2020-01-01' }, body) }, { markdown: { html: false } }),
    );
    assert.match(strict.read('2020/01/01/a/index.html'), /&lt;b&gt;bold&lt;\/b&gt;/);
  });
});

describe('hostile sites', () => {
  it('reports a config that throws or does not parse, naming site.config.ts', async () => {
    for (
      const text of ['throw new Error("nope");\nexport default {};', 'export default { title: ;', 'export default 42;']
    ) {
      const dir = writeSite({ 'site.config.ts': text });
      const [error] = (await buildFails(dir)).errors;
      assert.equal(error!.file, 'site.config.ts', text);
      assert.ok(['E_CONFIG_LOAD', 'E_CONFIG_SHAPE'].includes(error!.code), text);
    }
  });

  it('refuses an outDir that would replace the sources', async () => {
    for (const outDir of ['.', '', 'content', 'layouts', 'public', 'content/posts', '..', '/', './']) {
      const dir = site({}, { outDir });
      const [error] = (await buildFails(dir)).errors;
      assert.equal(error!.file, 'site.config.ts', outDir);
      assert.match(error!.message, /"outDir"/, outDir);
    }
  });

  it('names a file that cannot be read (a broken symbolic link)', async () => {
    const dir = site({ 'content/posts/a.md': post({ title: 'x', date: '2020-01-01' }) });
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'content/posts/broken.md'));
    assert.deepEqual(await codes(dir), [[
      'E_READ',
      'content/posts/broken.md',
      undefined,
      'the file cannot be read: it is a broken symbolic link',
    ]]);
  });

  it('fails cleanly when the output folder cannot be written', async () => {
    const dir = site({ 'content/posts/a.md': post({ title: 'x', date: '2020-01-01' }) }, { outDir: 'blocker/dist' });
    writeFileSync(join(dir, 'blocker'), 'a file where a folder should be');
    const run = cli(['build', dir]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /error\[E_WRITE\]/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('keeps the previous output when a file fails part way through writing, on either writer', async () => {
    for (const workers of ['1', '2']) {
      const dir = site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }) });
      assert.equal(cli(['build', dir]).status, 0);
      const before = listTree(join(dir, 'dist'));
      // Pages before and after it in path order are fine. This one's path fits in the output folder
      // (4,090 bytes), but not once the site's own folder is in front of it.
      const deep = Array.from({ length: 20 }, () => 'b'.repeat(203)).join('/');
      writeFileSync(join(dir, 'content/posts/b.md'), post({ title: 'B', date: '2020-01-02', permalink: `/${deep}/` }));
      writeFileSync(join(dir, 'content/posts/c.md'), post({ title: 'C', date: '2020-01-03' }));
      const run = cli(['build', dir], { COLOPHON_WORKERS: workers });
      assert.equal(run.status, 1, workers);
      // Named by its place in the output, not in the staging folder that is gone by now.
      assert.match(
        run.stderr,
        /error\[E_WRITE\].*: (b{203}\/){20}index\.html: ENAMETOOLONG: name too long\n/,
        workers,
      );
      assert.doesNotMatch(run.stderr, /\n\s+at /, workers);
      assert.deepEqual(listTree(join(dir, 'dist')), before, workers);
      assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('.dist')), [], workers);
    }
  });
});

describe('hostile layouts', () => {
  const withLayout = (text: string) =>
    site({ 'layouts/post.eta': text, 'content/posts/a.md': post({ title: 'x', date: '2020-01-01' }) });

  it('reports a layout that throws, a missing partial and an include loop with the layout file', async () => {
    const cases: [string, RegExp][] = [
      ["<% throw new Error('kaboom') %>", /kaboom \(while rendering content\/posts\/a\.md\)/],
      ["<%~ include('@nowhere', {}) %>", /Failed to get template '@nowhere'/],
      ["<%~ include('@post', it) %>", /Maximum call stack size exceeded/],
    ];
    for (const [text, message] of cases) {
      const [error] = (await buildFails(withLayout(text))).errors;
      assert.equal(error!.code, 'E_TEMPLATE');
      assert.equal(error!.file, 'layouts/post.eta');
      assert.match(error!.message, message);
    }
  });
});

describe('--json', () => {
  it('prints errors as JSON lines for editors and CI', () => {
    const dir = site({ 'content/posts/a.md': '---\ntitle: [x\n---\n', 'content/posts/b.md': post({ title: 'b' }) });
    const run = cli(['build', dir, '--json']);
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.type, l.code, l.file, l.line]), [
      ['error', 'E_FRONTMATTER', 'content/posts/a.md', 3],
      ['error', 'E_FRONTMATTER_FIELD', 'content/posts/b.md', undefined],
    ]);
    assert.match(lines[1].hint, /date/);
  });

  it('prints the summary as JSON on success', () => {
    const dir = site({ 'content/posts/a.md': post({ title: 'a', date: '2020-01-01' }) });
    const summary = JSON.parse(cli(['build', dir, '--json']).stdout.trim());
    assert.equal(summary.type, 'summary');
    assert.equal(summary.posts, 1);
    assert.match(summary.digest, /^sha256:[0-9a-f]{64}$/);
    assert.equal(dirname('x'), '.');
  });
});
