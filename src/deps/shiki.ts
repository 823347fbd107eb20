import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ShikiTransformer } from 'shiki';
// Only the names of what shiki bundles are loaded up front: a build whose posts hold no code, and
// every command but build and serve, never loads the highlighter itself (see createShiki).
import { bundledLanguagesInfo } from 'shiki/langs';
import { bundledThemes } from 'shiki/themes';

export interface Themes {
  light: string;
  dark: string;
}

/**
 * The regex engine is pinned. On the 10,000-post benchmark corpus (3,266 blocks, one core, one
 * highlighter per language) the JavaScript engine took 9.1-9.8 s and Oniguruma 11.6-12.3 s, with
 * identical bytes. The engine is part of every cache key.
 */
export const ENGINE = 'javascript';

export const shikiVersion: string = (() => {
  const pkg = fileURLToPath(import.meta.resolve('shiki/package.json'));
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
})();

const aliases = new Map<string, string>();
for (const info of bundledLanguagesInfo) {
  aliases.set(info.id, info.id);
  for (const alias of info.aliases ?? []) aliases.set(alias, info.id);
}

/** The bundled language a fence names ("js", "TypeScript", "sh"), or undefined when shiki has none. */
export function bundledLanguage(name: string): string | undefined {
  return aliases.get(name.toLowerCase());
}

export function isBundledTheme(name: string): boolean {
  return name in bundledThemes;
}

export interface FenceStyle {
  lines: ReadonlySet<number>; // 1-based lines to emphasise
}

export interface Shiki {
  highlight(code: string, lang: string, style: FenceStyle): string;
  /** The same block as shiki alone renders it, tokenizing once per theme: what tests hold `highlight` to. */
  reference(code: string, lang: string, style: FenceStyle): string;
  dispose(): void;
}

/**
 * A highlighter holding only `langs`. Both themes' colours come from one tokenization of each block,
 * written straight to HTML (`./shiki-html.ts`), which more than halves the cost of highlighting.
 */
export async function createShiki(themes: Themes, langs: string[]): Promise<Shiki> {
  const [{ createHighlighter }, { createJavaScriptRegexEngine }, { twoThemeHtml }] = await Promise.all([
    import('shiki'),
    import('shiki/engine/javascript'),
    import('./shiki-html.ts'),
  ]);
  const highlighter = await createHighlighter({
    themes: [themes.light, themes.dark],
    langs,
    engine: createJavaScriptRegexEngine(),
  });
  const direct = themes.light === themes.dark
    ? undefined
    : twoThemeHtml(highlighter.getInternalContext(), [themes.light, themes.dark]);
  const options = (lang: string, style: FenceStyle) => ({
    lang,
    themes: { light: themes.light, dark: themes.dark },
    defaultColor: false as const,
    // shiki stops tokenizing a line after 500 ms by default, so a busy machine (or a cold worker)
    // would get different bytes. No time limit: the output depends on the input only.
    tokenizeTimeLimit: 0,
    transformers: [lineClasses(lang, style)],
  });
  return {
    highlight: (code, lang, style) =>
      direct?.(code, lang, {
        lineClasses: (n, first) => classesOf(lang, style, n, first),
        preAttributes: [['data-lang', lang]],
      }) ??
        highlighter.codeToHtml(code, options(lang, style)),
    reference: (code, lang, style) => highlighter.codeToHtml(code, options(lang, style)),
    dispose: () => highlighter.dispose(),
  };
}

/** Emphasised lines from the info string, and added/removed lines of a diff, get classes for CSS. */
function lineClasses(lang: string, style: FenceStyle): ShikiTransformer {
  return {
    pre(node) {
      node.properties['data-lang'] = lang;
    },
    line(node, line) {
      const first = node.children[0];
      const text = first && first.type === 'element' && first.children[0]?.type === 'text'
        ? first.children[0].value
        : '';
      const classes = classesOf(lang, style, line, text);
      if (classes.length > 0) this.addClassToHast(node, [...classes]);
    },
  };
}

/** The classes a line gets besides "line": 1-based line `n`, whose first token's text is `first`. */
function classesOf(lang: string, style: FenceStyle, n: number, first: string): readonly string[] {
  const classes = style.lines.has(n) ? ['highlighted'] : [];
  if (lang === 'diff' && first.startsWith('+')) classes.push('diff', 'add');
  else if (lang === 'diff' && first.startsWith('-')) classes.push('diff', 'remove');
  return classes;
}
