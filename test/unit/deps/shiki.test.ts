import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledLanguagesInfo } from 'shiki';
import { createShiki, type Themes } from '../../../src/deps/shiki.ts';
import { SAMPLES } from '../../support/highlight-samples.ts';

// Colophon claims every language shiki bundles, with the pinned JavaScript regex engine, and it
// colours both themes from one tokenization, written straight to HTML (src/deps/shiki-html.ts). That HTML must be byte for
// byte what shiki gives when it tokenizes once per theme, or the promise of "what shiki would print"
// is broken silently, one span at a time.

const POLYGLOT = [
  '// line comment',
  '# hash comment',
  '/* block */ <!-- markup --> -- dashes',
  'let x = "a < b" + \'c\' + 1.5e3 + 0x1F;',
  'function f(a, b) { return a[0] ?? b.c(d, `t ${x} u`) }',
  '<div class="x" id=\'y\'>{{ y }} &amp; text</div>',
  "SELECT name, COUNT(*) FROM t WHERE id = 1 AND s LIKE '%z';",
  '@decorator',
  'def g(self, *args, **kw) -> None: pass',
  'if [ -n "$HOME" ]; then echo $((1 + 2)); fi',
  '  indented: [1, 2, {k: v}]',
  '+ added line',
  '- removed line',
  'fn main() -> Result<(), Box<dyn Error>> { println!("{}", 1); }',
].join('\n');

const DEFAULT: Themes = { light: 'github-light', dark: 'github-dark' };
const STYLE = { lines: new Set<number>([2]) };

describe('highlighting', () => {
  it('renders every bundled language, as shiki alone would', async () => {
    const langs = bundledLanguagesInfo.map((l) => l.id).sort();
    assert.ok(langs.length > 200, `only ${langs.length} bundled languages`);
    const failures: string[] = [];
    for (let i = 0; i < langs.length; i += 40) {
      const batch = langs.slice(i, i + 40);
      const shiki = await createShiki(DEFAULT, batch);
      for (const lang of batch) {
        const code = SAMPLES[lang] ?? POLYGLOT;
        try {
          const html = shiki.highlight(code, lang, STYLE);
          const text = html.replace(/<[^>]+>/g, '');
          if (!html.startsWith('<pre class="shiki') || (code === POLYGLOT && !text.includes('"a &#x3C; b"'))) {
            failures.push(`${lang}: unexpected output`);
          }
          if (html !== shiki.reference(code, lang, STYLE)) failures.push(`${lang}: differs from shiki's own`);
        } catch (error) {
          failures.push(`${lang}: ${(error as Error).message}`);
        }
      }
      shiki.dispose();
    }
    assert.deepEqual(failures, []);
  });

  it('keeps one block from colouring the next', async () => {
    // Each block starts from the grammar's initial state: a block after an unclosed string or
    // comment of the same language must not inherit it.
    const shiki = await createShiki(DEFAULT, ['js']);
    const blocks = ['const a = "open', 'x\ny', '/* unclosed\ncomment', 'x\ny', SAMPLES.javascript!];
    assert.deepEqual(
      blocks.map((b) => shiki.highlight(b, 'js', STYLE)),
      blocks.map((b) => shiki.reference(b, 'js', STYLE)),
    );
    shiki.dispose();
  });
});
