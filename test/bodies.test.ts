import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildInMemory, config, post, writeSite } from './support/site.ts';

const BODY = 'Some <em>raw</em> HTML & "quotes" and \'apostrophes\'.\n\n```js\nconst a = 1 < 2;\n```\n';

function site(extra: Record<string, string> = {}, fields: Record<string, unknown> = {}): string {
  return writeSite({
    'site.config.ts': config({ title: 'Bodies', url: 'https://example.org/', timezone: 'UTC', ...fields }),
    'content/posts/one.md': post({ title: 'One', date: '2024-03-01 10:00' }, BODY),
    'content/posts/two.md': post({ title: 'Two', date: '2024-03-02 10:00' }, 'Second *post*.\n'),
    ...extra,
  });
}

const between = (html: string, id: string) => new RegExp(`<div id="${id}">([^]*?)</div id="${id}">`).exec(html)![1]!;

describe('post bodies in templates', () => {
  it('print the same bytes through `body` as through `html`, raw or escaped, and `html` can be inspected', async () => {
    const dir = site({
      'layouts/post.eta': [
        '<div id="raw"><%~ it.post.body %></div id="raw">',
        '<div id="rawhtml"><%~ it.post.html %></div id="rawhtml">',
        '<div id="esc"><%= it.post.body %></div id="esc">',
        '<div id="eschtml"><%= it.post.html %></div id="eschtml">',
        '<div id="inspect"><%= it.post.html.includes("<pre") ? "has code" : "no code" %></div id="inspect">',
        '<div id="twice"><%~ it.post.body + it.post.body %></div id="twice">',
      ].join('\n'),
    });
    const built = await buildInMemory(dir);
    const page = built.read('2024/03/01/one/index.html');
    assert.doesNotMatch(page, /\u0000/);
    assert.equal(between(page, 'raw'), between(page, 'rawhtml'));
    assert.match(between(page, 'raw'), /<em>raw<\/em> HTML &amp; &quot;quotes&quot;/);
    assert.match(between(page, 'raw'), /<pre class="shiki/);
    assert.equal(between(page, 'esc'), between(page, 'eschtml'));
    assert.match(between(page, 'esc'), /&lt;em&gt;raw&lt;\/em&gt;/);
    assert.equal(between(page, 'inspect'), 'has code');
    assert.equal(between(page, 'twice'), between(page, 'raw').repeat(2));
    assert.equal(between(built.read('2024/03/02/two/index.html'), 'inspect'), 'no code');
  });

  it('show each full post on the index and in its feed', async () => {
    const built = await buildInMemory(site());
    const index = built.read('index.html');
    assert.match(index, /<p>Second <em>post<\/em>.<\/p>/);
    assert.match(index, /<em>raw<\/em> HTML/);
    assert.doesNotMatch(index, /\u0000/);
    assert.match(built.read('feed/atom.xml'), /<!\[CDATA\[<p>Some <em>raw<\/em> HTML &amp; &quot;quotes&quot;/);
  });
});

describe('the body cache', () => {
  const files = (dir: string, suffix: string) => {
    const root = join(dir, 'node_modules/.cache/colophon/bodies-v1');
    return readdirSync(root).filter((name) => name.endsWith(suffix)).map((name) => join(root, name));
  };
  const packs = (dir: string) => files(dir, '.pack');
  const segments = (dir: string) => files(dir, '.seg');

  it('renders no Markdown on a second build, one body after an edit, and the bytes never change', async () => {
    const dir = site();
    const cold = await buildInMemory(dir);
    assert.deepEqual(cold.bodies, { total: 2, rendered: 2 });
    assert.equal(packs(dir).length, 1);
    const warm = await buildInMemory(dir, { cache: true });
    assert.deepEqual(warm.bodies, { total: 2, rendered: 0 });
    assert.equal(warm.digest, cold.digest);
    writeFileSync(
      join(dir, 'content/posts/two.md'),
      post({ title: 'Two', date: '2024-03-02 10:00' }, 'Second *post*, edited.\n'),
    );
    const edited = await buildInMemory(dir);
    assert.deepEqual(edited.bodies, { total: 2, rendered: 1 });
    assert.match(edited.read('2024/03/02/two/index.html'), /Second <em>post<\/em>, edited./);
    const bypass = await buildInMemory(dir, { cache: false });
    assert.deepEqual(bypass.bodies, { total: 2, rendered: 2 });
    assert.equal(bypass.digest, edited.digest);
  });

  it('gives a warm build the same warnings as a cold one', async () => {
    const dir = site({
      'content/posts/three.md': post({ title: 'Three', date: '2024-03-03 10:00' }, '```nosuchlang\nx\n```\n'),
    });
    const cold = await buildInMemory(dir);
    assert.deepEqual(cold.warnings, [
      'content/posts/three.md: no highlighting for the unknown language "nosuchlang"; shown as plain code',
    ]);
    const warm = await buildInMemory(dir);
    assert.equal(warm.bodies.rendered, 0);
    assert.deepEqual(warm.warnings, cold.warnings);
  });

  it('adds an edited body in a segment of its own, and copies the live bodies together once most are dead', async () => {
    const dir = site();
    await buildInMemory(dir);
    const [first] = segments(dir);
    const before = readFileSync(first!);
    const seen = new Set<number>();
    for (let edit = 1; edit <= 6; edit++) {
      const text = `Second *post*, edit ${edit}.\n`.repeat(20);
      writeFileSync(join(dir, 'content/posts/two.md'), post({ title: 'Two', date: '2024-03-02 10:00' }, text));
      const built = await buildInMemory(dir);
      assert.deepEqual(built.bodies, { total: 2, rendered: 1 });
      assert.equal(built.digest, (await buildInMemory(dir, { cache: false })).digest);
      if (edit === 1) assert.deepEqual(readFileSync(first!), before); // the old entries are not written again
      seen.add(segments(dir).length);
    }
    assert.ok(seen.has(2), 'an edit adds a segment');
    assert.ok(Math.max(...seen) <= 3, 'dead entries are dropped before they outweigh the live ones');
    assert.deepEqual((await buildInMemory(dir)).bodies, { total: 2, rendered: 0 });
  });

  it('ignores a damaged pack and renders everything again', async () => {
    const dir = site();
    const cold = await buildInMemory(dir);
    const [pack] = segments(dir);
    const bytes = readFileSync(pack!);
    const at = bytes.indexOf('<em>raw</em>');
    bytes.write('<em>RAW</em>', at); // same length, so only the checksum can tell
    writeFileSync(pack!, bytes);
    const again = await buildInMemory(dir);
    assert.deepEqual(again.bodies, { total: 2, rendered: 2 });
    assert.equal(again.digest, cold.digest);
    writeFileSync(pack!, bytes.subarray(0, 200));
    const truncated = await buildInMemory(dir);
    assert.equal(truncated.digest, cold.digest);
  });

  it('does not reuse bodies rendered with other Markdown settings', async () => {
    const dir = site({}, { markdown: { html: true } });
    const before = await buildInMemory(dir);
    assert.match(before.read('2024/03/01/one/index.html'), /Some <em>raw<\/em> HTML/);
    writeFileSync(
      join(dir, 'site.config.ts'),
      config({ title: 'Bodies', url: 'https://example.org/', timezone: 'UTC', markdown: { html: false } }),
    );
    const after = await buildInMemory(dir);
    assert.deepEqual(after.bodies, { total: 2, rendered: 2 });
    assert.match(after.read('2024/03/01/one/index.html'), /Some &lt;em&gt;raw&lt;\/em&gt; HTML/);
  });

  it("builds with another site's cache folder, and starts from another site's bodies when it has none", async () => {
    const working = site();
    await buildInMemory(working);
    const copy = site(); // the same sources in another folder, as colophon diff extracts a revision
    const cacheDir = join(working, 'node_modules/.cache/colophon');
    const seeded = await buildInMemory(copy, { cacheDir, seedBodiesFrom: working });
    assert.deepEqual(seeded.bodies, { total: 2, rendered: 0 });
    assert.equal(packs(working).length, 2); // the copy's own pack, in the working site's cache folder
    writeFileSync(join(copy, 'content/posts/two.md'), post({ title: 'Two', date: '2024-03-02 10:00' }, 'New.\n'));
    const own = await buildInMemory(copy, { cacheDir, seedBodiesFrom: working });
    assert.deepEqual(own.bodies, { total: 2, rendered: 1 });
    const unseeded = await buildInMemory(site(), { cacheDir });
    assert.deepEqual(unseeded.bodies, { total: 2, rendered: 2 });
  });
});
