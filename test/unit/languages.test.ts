import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledLanguagesInfo, bundledThemesInfo, createHighlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { createShiki, type Themes } from '../../src/deps/shiki.ts';
import { twoThemeHtml } from '../../src/deps/shiki-html.ts';

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
  'SELECT name, COUNT(*) FROM t WHERE id = 1 AND s LIKE \'%z\';',
  '@decorator',
  'def g(self, *args, **kw) -> None: pass',
  'if [ -n "$HOME" ]; then echo $((1 + 2)); fi',
  '  indented: [1, 2, {k: v}]',
  '+ added line',
  '- removed line',
  'fn main() -> Result<(), Box<dyn Error>> { println!("{}", 1); }',
].join('\n');

// Richer code for the languages the default site and the benchmark lean on, and for grammars that
// embed others (HTML holding CSS and JS, Markdown holding fenced code, Vue, PHP).
const SAMPLES: Record<string, string> = {
  javascript: 'import { a } from "./b.js";\nexport default class C extends D {\n  #p = /re[g]ex/gi;\n  async *m(x = 1) { yield await x?.y ?? `s${x}`; }\n}\n',
  typescript: 'type T<K extends keyof U> = { [P in K]?: U[P] } & Record<string, never>;\nenum E { A = 1 }\nconst f = <T,>(x: T): x is T => true;\n',
  tsx: 'export const App = ({ n }: { n: number }) => <ul>{[1, 2].map((i) => <li key={i}>{i * n}</li>)}</ul>;\n',
  python: '@dataclass(frozen=True)\nclass P:\n    """Doc."""\n    x: int = 0\n    def f(self) -> str:\n        return f"{self.x!r:>4}" if self.x else r"\\d+"\n',
  rust: '#[derive(Debug)]\npub struct S<\'a> { r: &\'a str }\nimpl<\'a> S<\'a> { fn n(&self) -> usize { self.r.len() } }\nmacro_rules! m { ($x:expr) => { $x + 1 }; }\n',
  shellscript: '#!/usr/bin/env bash\nset -euo pipefail\nfor f in "${@:-.}"/*.md; do\n  grep -c "^#" "$f" | tee -a out.log >/dev/null\ndone <<EOF\nheredoc $x\nEOF\n',
  diff: 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n context\n-old\n+new\n',
  html: '<!doctype html>\n<style>p { color: red; } @media (min-width: 1px) { a:hover { x: 1 } }</style>\n<script>const a = 1 < 2 && "</p>";</script>\n<p class="c" onclick="go(1)">Hi &amp; bye</p>\n',
  markdown: '# Title\n\nSome *em* and `code`.\n\n```js\nconst x = 1;\n```\n\n```yaml\nk: [1, "two"]\n```\n\n> quote\n',
  vue: '<template>\n  <p :class="{ a: b }" @click="go">{{ msg.toUpperCase() }}</p>\n</template>\n<script setup lang="ts">\nconst msg: string = "hi";\n</script>\n<style scoped>\np { color: v-bind(c); }\n</style>\n',
  php: '<p><?php echo htmlspecialchars($x ?? "none", ENT_QUOTES); ?></p>\n<?php\nfunction f(int $a): array { return [$a => fn($b) => $b * 2]; }\n',
  css: '@import url("a.css");\n:root { --c: #fff; }\n.a > b::after { content: "\\201C"; margin: calc(1px + 2em) !important; }\n',
  json: '{ "a": [1, 2.5e-3, true, null], "b": { "c": "d\\n" } }\n',
  yaml: '---\nkey: value\nlist:\n  - one\n  - &anchor {a: 1}\nmulti: |\n  text\n# comment\n',
  c: '#include <stdio.h>\nint main(int argc, char **argv) { printf("%d\\n", argc); return 0; }\n',
  go: 'package main\n\nimport "fmt"\n\nfunc main() { ch := make(chan int); go func() { ch <- 1 }(); fmt.Println(<-ch) }\n',
  sql: 'WITH t AS (SELECT 1 AS n) SELECT n, \'x\' FROM t WHERE n > 0 ORDER BY n DESC; -- done\n',
  // Line endings, tabs, characters beyond the BMP, whitespace-only lines and an empty block.
  lua: 'local a = 1;\r\nconst b = "\u{1F600} é\u00A0x";\rlone();\n\t\tif (a) {\n  \t \n}\n// 🎉 `tick` \'q\'\n',
  toml: '',
};

const DEFAULT: Themes = { light: 'github-light', dark: 'github-dark' };
const STYLE = { lines: new Set<number>([2]) };
const PLAIN = { lineClasses: () => [], preAttributes: [] };

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
          if (!html.startsWith('<pre class="shiki') || (code === POLYGLOT && !text.includes('"a &#x3C; b"'))) failures.push(`${lang}: unexpected output`);
          if (html !== shiki.reference(code, lang, STYLE)) failures.push(`${lang}: differs from shiki's own`);
        } catch (error) {
          failures.push(`${lang}: ${(error as Error).message}`);
        }
      }
      shiki.dispose();
    }
    assert.deepEqual(failures, []);
  });

  it('colours every bundled theme as shiki alone would', async () => {
    const themes = bundledThemesInfo.map((t) => t.id).sort();
    const langs = Object.keys(SAMPLES).sort();
    const highlighter = await createHighlighter({ themes, langs, engine: createJavaScriptRegexEngine() });
    const differ: string[] = [];
    for (let i = 0; i < themes.length; i++) {
      const pair = { light: themes[i]!, dark: themes[(i + 1) % themes.length]! };
      const direct = twoThemeHtml(highlighter.getInternalContext(), [pair.light, pair.dark]);
      assert.ok(direct, `${pair.light}/${pair.dark}: colour maps differ`);
      for (const lang of langs) {
        const options = { lang, themes: pair, defaultColor: false as const, tokenizeTimeLimit: 0 };
        if (direct(SAMPLES[lang]!, lang, PLAIN) !== highlighter.codeToHtml(SAMPLES[lang]!, options)) differ.push(`${lang} with ${pair.light}/${pair.dark}`);
      }
    }
    highlighter.dispose();
    assert.deepEqual(differ, []);
  });

  it('runs the grammar once per line, not once per theme', async () => {
    const highlighter = await createHighlighter({ themes: [DEFAULT.light, DEFAULT.dark], langs: ['js'], engine: createJavaScriptRegexEngine() });
    const grammar = highlighter.getLanguage('js') as unknown as Record<'tokenizeLine' | 'tokenizeLine2', (...args: unknown[]) => unknown>;
    const calls = { tokenizeLine: 0, tokenizeLine2: 0 };
    for (const name of ['tokenizeLine', 'tokenizeLine2'] as const) {
      const real = grammar[name]!.bind(grammar);
      grammar[name] = (...args) => (calls[name]++, real(...args));
    }
    const options = { lang: 'js', themes: DEFAULT, defaultColor: false as const, tokenizeTimeLimit: 0 };
    const code = 'const a = 1;\nlet b = "two";\n\n// three\n';
    const direct = twoThemeHtml(highlighter.getInternalContext(), [DEFAULT.light, DEFAULT.dark])!;
    const html = direct(code, 'js', PLAIN);
    assert.deepEqual(calls, { tokenizeLine: 3, tokenizeLine2: 0 }); // three lines hold code; empty ones are not tokenized
    assert.equal(html, highlighter.codeToHtml(code, options));
    // shiki selecting one theme in between (it keeps one current theme) changes nothing.
    highlighter.codeToHtml('x\ny', { lang: 'js', theme: DEFAULT.dark });
    assert.equal(direct('x\ny', 'js', PLAIN), highlighter.codeToHtml('x\ny', options));
    highlighter.dispose();
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
