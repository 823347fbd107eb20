import assert from 'node:assert/strict';
import { it } from 'node:test';
import { bundledLanguagesInfo } from 'shiki';
import { createShiki } from '../../src/deps/shiki.ts';

// Colophon claims every language shiki bundles; the pinned JavaScript regex engine must render each.
it('renders every bundled shiki language with the pinned regex engine', async () => {
  const langs = bundledLanguagesInfo.map((l) => l.id).sort();
  assert.ok(langs.length > 200, `only ${langs.length} bundled languages`);
  const failures: string[] = [];
  for (let i = 0; i < langs.length; i += 40) {
    const batch = langs.slice(i, i + 40);
    const shiki = await createShiki({ light: 'github-light', dark: 'github-dark' }, batch);
    for (const lang of batch) {
      try {
        const html = shiki.highlight('let x = "a < b" // 1\nfn(x)', lang, { lines: new Set() });
        if (!html.startsWith('<pre class="shiki') || !html.replace(/<[^>]+>/g, '').includes('"a &#x3C; b"')) failures.push(`${lang}: unexpected output`);
      } catch (error) {
        failures.push(`${lang}: ${(error as Error).message}`);
      }
    }
    shiki.dispose();
  }
  assert.deepEqual(failures, []);
});
