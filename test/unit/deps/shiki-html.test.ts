import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bundledThemesInfo, createHighlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import type { Themes } from '../../../src/deps/shiki.ts';
import { twoThemeHtml } from '../../../src/deps/shiki-html.ts';
import { SAMPLES } from '../../support/highlight-samples.ts';

// Colophon claims every language shiki bundles, with the pinned JavaScript regex engine, and it
// colours both themes from one tokenization, written straight to HTML (src/deps/shiki-html.ts). That HTML must be byte for
// byte what shiki gives when it tokenizes once per theme, or the promise of "what shiki would print"
// is broken silently, one span at a time.

const DEFAULT: Themes = { light: 'github-light', dark: 'github-dark' };
const PLAIN = { lineClasses: () => [], preAttributes: [] };

describe('highlighting', () => {
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
        if (direct(SAMPLES[lang]!, lang, PLAIN) !== highlighter.codeToHtml(SAMPLES[lang]!, options)) {
          differ.push(`${lang} with ${pair.light}/${pair.dark}`);
        }
      }
    }
    highlighter.dispose();
    assert.deepEqual(differ, []);
  });

  it('runs the grammar once per line, not once per theme', async () => {
    const highlighter = await createHighlighter({
      themes: [DEFAULT.light, DEFAULT.dark],
      langs: ['js'],
      engine: createJavaScriptRegexEngine(),
    });
    const grammar = highlighter.getLanguage('js') as unknown as Record<
      'tokenizeLine' | 'tokenizeLine2',
      (...args: unknown[]) => unknown
    >;
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
});
