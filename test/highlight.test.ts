import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createHighlightCache } from '../src/markdown/highlight-cache.ts';
import { spawnSync } from 'node:child_process';
import { buildInMemory, type Built, config, post, ROOT, writeSite } from './support/site.ts';

const FENCES = [
  '```ts',
  'const answer: number = 1 < 2 && "x" ? 42 : 0;',
  '```',
  '',
  '```python {2}',
  'def f(x):',
  '    return x & 1',
  '```',
  '',
  '```diff',
  ' same',
  '-old line',
  '+new line',
  '```',
  '',
  '```',
  'plain <b>no language</b>',
  '```',
  '',
  '```text',
  'also plain & <escaped>',
  '```',
  '',
].join('\n');

function codeSite(extraFiles: Record<string, string> = {}, fields: Record<string, unknown> = {}): string {
  return writeSite({
    'site.config.ts': config({ postsPerPage: 10, ...fields }),
    'content/posts/code.md': post({ title: 'Code', date: '2020-01-01' }, FENCES),
    ...extraFiles,
  });
}

const cacheEntries = (dir: string): string[] => {
  const root = join(dir, 'node_modules/.cache/colophon/highlight-v1');
  return readdirSync(root).flatMap((shard) => readdirSync(join(root, shard)).map((f) => join(root, shard, f)));
};

describe('code highlighting', () => {
  it('highlights fenced code with token spans for light and dark themes, escaping the code', async () => {
    const built = await buildInMemory(codeSite());
    const html = built.read('2020/01/01/code/index.html');
    const blocks = html.match(/<pre class="shiki[^]*?<\/pre>/g)!;
    assert.equal(blocks.length, 3);
    assert.match(blocks[0]!, /data-lang="typescript"/);
    assert.match(blocks[0]!, /<span style="--shiki-light:#[0-9A-Fa-f]{6};--shiki-dark:#[0-9A-Fa-f]{6}">const<\/span>/);
    assert.match(blocks[0]!, / &#x3C;<\/span>/);
    assert.doesNotMatch(blocks[0]!, /1 < 2/);
    assert.match(blocks[1]!, /data-lang="python"/);
    assert.match(blocks[1]!, /<span class="line highlighted"><span[^>]*>    return/);
    assert.equal((blocks[1]!.match(/class="line highlighted"/g) ?? []).length, 1);
    assert.match(blocks[2]!, /<span class="line diff remove"><span[^>]*>-old line/);
    assert.match(blocks[2]!, /<span class="line diff add"><span[^>]*>\+new line/);
  });

  it('leaves fences without a language, or "text", as plain escaped code', async () => {
    const built = await buildInMemory(codeSite());
    const html = built.read('2020/01/01/code/index.html');
    assert.match(html, /<pre><code>plain &lt;b&gt;no language&lt;\/b&gt;\n<\/code><\/pre>/);
    assert.match(html, /<pre><code class="language-text">also plain &amp; &lt;escaped&gt;\n<\/code><\/pre>/);
  });

  it('warns once per unknown language, naming a file that uses it, and shows plain code', async () => {
    const unknown = '```klingon\nqapla\n```\n';
    const dir = codeSite({
      'content/posts/b.md': post({ title: 'B', date: '2020-01-02' }, unknown + unknown),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-03' }, unknown),
    });
    const result = await buildInMemory(dir);
    assert.deepEqual(result.warnings, [
      'content/posts/a.md: no highlighting for the unknown language "klingon"; shown as plain code',
    ]);
    assert.match(result.read('2020/01/03/a/index.html'), /<pre><code class="language-klingon">qapla\n<\/code><\/pre>/);
  });

  it('highlights nothing on a warm build and gives identical bytes cold, warm and without the cache', async () => {
    const dir = codeSite();
    const cold = await buildInMemory(dir);
    assert.equal(cold.highlight.highlighted, 3);
    assert.equal(cacheEntries(dir).length, 3);
    const warm = await buildInMemory(dir);
    assert.equal(warm.highlight.highlighted, 0);
    const bypass = await buildInMemory(dir, { cache: false });
    assert.equal(bypass.highlight.highlighted, 3);
    assert.equal(warm.digest, cold.digest);
    assert.equal(bypass.digest, cold.digest);
  });

  it('treats a corrupt or truncated cache entry as a miss', async () => {
    const dir = codeSite();
    const cold = await buildInMemory(dir);
    const [first, second] = cacheEntries(dir);
    rmSync(join(dir, 'node_modules/.cache/colophon/bodies-v1'), { recursive: true }); // or the bodies come from there
    writeFileSync(first!, readFileSync(first!, 'utf8').slice(0, 100));
    writeFileSync(second!, readFileSync(second!, 'utf8').replace('shiki', 'SHIKI'));
    const after = await buildInMemory(dir);
    assert.equal(after.highlight.highlighted, 2);
    assert.equal(after.digest, cold.digest);
    assert.equal((await buildInMemory(dir)).highlight.highlighted, 0);
  });

  it('is safe when two builds share one cache at the same time', async () => {
    const shared = writeSite({});
    const previous = process.env.COLOPHON_CACHE_DIR;
    process.env.COLOPHON_CACHE_DIR = shared;
    try {
      const many = Array.from({ length: 40 }, (_, i) => `\`\`\`js\nconst v${i} = ${i};\n\`\`\`\n`).join('\n');
      const sites = [0, 1].map(() =>
        codeSite({ 'content/posts/many.md': post({ title: 'Many', date: '2020-02-02' }, many) })
      );
      const [a, b] = await Promise.all(sites.map((dir) => buildInMemory(dir)));
      assert.equal(a!.digest, b!.digest);
      const warm = await buildInMemory(sites[0]!);
      assert.equal(warm.highlight.highlighted, 0);
      assert.equal(warm.digest, a!.digest);
    } finally {
      if (previous === undefined) delete process.env.COLOPHON_CACHE_DIR;
      else process.env.COLOPHON_CACHE_DIR = previous;
    }
  });

  it('highlights a block the same whatever other languages the site uses', async () => {
    // Markdown embeds YAML lazily: the YAML front matter inside is coloured only if YAML happens to be
    // loaded, so a block's bytes must not depend on the rest of the site.
    const fence = '```md\n---\ntitle: Hi\n---\n# Heading\n```\n';
    const alone = codeSite({ 'content/posts/md.md': post({ title: 'Md', date: '2020-03-03' }, fence) });
    const mixed = codeSite({
      'content/posts/md.md': post({ title: 'Md', date: '2020-03-03' }, fence),
      'content/posts/yaml.md': post({ title: 'Yaml', date: '2020-03-04' }, '```yaml\na: 1\n```\n'),
    });
    const builtAlone = await buildInMemory(alone);
    const builtMixed = await buildInMemory(mixed);
    const block = (built: Built) => /<pre class="shiki[^]*?<\/pre>/.exec(built.read('2020/03/03/md/index.html'))![0];
    assert.equal(block(builtMixed), block(builtAlone));
  });

  it('loads the highlighter only when a build has code to highlight', () => {
    // A module hook in the child process reports every module of shiki's highlighter it loads.
    const hook = join(codeSite(), 'hook.mjs');
    writeFileSync(
      hook,
      [
        "import { register } from 'node:module';",
        `register('data:text/javascript,' + encodeURIComponent(${
          JSON.stringify(
            'export async function resolve(s, c, next) { const r = await next(s, c); if (/\\/shiki\\/dist\\/index\\.mjs|\\/@shikijs\\/(core|primitive|vscode-textmate|engine-javascript)\\//.test(r.url)) process.stderr.write("HIGHLIGHTER\\n"); return r; }',
          )
        }));`,
      ].join('\n'),
    );
    const loads = (dir: string) => {
      const run = spawnSync(process.execPath, [
        '--import',
        hook,
        join(ROOT, 'bin/colophon.js'),
        'build',
        dir,
        '--quiet',
        '--no-cache',
      ], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return run.stderr.includes('HIGHLIGHTER');
    };
    const prose = writeSite({
      'site.config.ts': config({}),
      'content/posts/prose.md': post(
        { title: 'Prose', date: '2020-01-01' },
        'Words, and `inline code`, and\n\n```\nplain code\n```\n',
      ),
    });
    assert.equal(loads(prose), false);
    assert.equal(loads(codeSite()), true);
  });

  it('can be turned off, or limited to some languages', async () => {
    const off = await buildInMemory(codeSite({}, { highlight: false }));
    assert.doesNotMatch(off.read('2020/01/01/code/index.html'), /class="shiki/);
    const some = await buildInMemory(
      codeSite({}, { highlight: { langs: ['py'], themes: { light: 'min-light', dark: 'nord' } } }),
    );
    const html = some.read('2020/01/01/code/index.html');
    assert.deepEqual(html.match(/data-lang="[^"]+"/g), ['data-lang="python"']);
    assert.match(html, /shiki-themes min-light nord/);
  });
});

describe('the highlight cache', () => {
  it('stays within its size limit, dropping the least recently used entries', async () => {
    const dir = writeSite({});
    const cache = createHighlightCache({ dir, maxEntries: 5 });
    const key = (i: number) => i.toString(16).padStart(64, '0');
    for (let i = 0; i < 12; i++) await cache.put(key(i), `<pre>${i}</pre>`);
    await cache.prune();
    const root = join(dir, 'highlight-v1');
    const left = readdirSync(root).flatMap((s) => readdirSync(join(root, s)));
    assert.equal(left.length, 5);
    assert.equal(await cache.get(key(11)), '<pre>11</pre>');
  });
});
