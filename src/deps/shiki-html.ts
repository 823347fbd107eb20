import type { ShikiPrimitive, ThemeRegistrationResolved } from 'shiki';
import { EncodedTokenMetadata, type IToken, type StateStack, Theme } from 'shiki/textmate';

/**
 * A code block as HTML for a light and a dark theme, from one tokenization.
 *
 * For two themes shiki runs the grammar over the code once per theme, and the grammar's regular
 * expressions are most of a highlight's cost. Yet the scopes a grammar finds do not depend on the
 * theme: only the colours looked up for them do. So this asks the grammar for scopes once
 * (`tokenizeLine`) and works out both themes' token attributes from them, exactly as the tokenizer
 * would have: a fold over the scope path, root first, taking each scope's language and token type
 * from the grammar and its font style and colours from the theme, a style left unset keeping its
 * parent's; adjacent tokens whose attributes are equal are one token, as in `tokenizeLine2`.
 *
 * After tokenizing, shiki aligns the two themes' tokens, turns each into style objects, builds a
 * HAST tree, lets transformers edit it and serializes it: at 10,000 posts that was about 3 s of
 * CPU. This writes the same bytes in one pass over the tokens, for exactly the options Colophon
 * uses (two themes, `defaultColor: false`, whitespace merged into the next token, classes on lines,
 * attributes on `<pre>`). test/unit/deps/shiki.test.ts and shiki-html.test.ts hold it to shiki's
 * own output for every bundled language and theme.
 */
export interface BlockStyle {
  /** Classes after "line" for 1-based line `n`, whose first token's text is `first`. */
  lineClasses(n: number, first: string): readonly string[];
  /** Attributes added to `<pre>` after shiki's own. */
  preAttributes: readonly (readonly [string, string])[];
}

export type TwoThemeHtml = (code: string, lang: string, style: BlockStyle) => string | undefined;

interface ThemeFacts {
  name: string;
  theme: Theme;
  colors: readonly string[]; // by foreground id, colour replacements applied
  fg: string;
  bg: string;
}

const WHITESPACE_ONLY = /^\s+$/;
// vscode-textmate's FontStyle bits (a const enum, so not importable here).
const ITALIC = 1;
const BOLD = 2;
const UNDERLINE = 4;
const STRIKETHROUGH = 8;
const NEWLINE = /(\r?\n)/;

/**
 * Returns the writer, or undefined when the themes' colour maps are not the ones shiki uses. The
 * writer returns undefined for a grammar it cannot follow exactly; shiki then writes the block.
 */
export function twoThemeHtml(primitive: ShikiPrimitive, names: readonly [string, string]): TwoThemeHtml | undefined {
  const facts: ThemeFacts[] = [];
  for (const name of names) {
    const resolved = primitive.getTheme(name);
    const theme = Theme.createFromRawTheme(resolved);
    const colorMap = theme.getColorMap();
    if (!sameList(colorMap, primitive.setTheme(name).colorMap)) return undefined;
    const colors = colorMap.map((c) => replaced(c, resolved));
    // The root colours are not replaced: shiki resolves those replacements from the theme's name.
    facts.push({ name: resolved.name, theme, colors, fg: resolved.fg || 'inherit', bg: resolved.bg || 'inherit' });
  }
  const [light, dark] = facts as [ThemeFacts, ThemeFacts];
  const preStart = `<pre class="shiki shiki-themes ${attribute(`${light.name} ${dark.name}`)}" style="${
    attribute(
      `--shiki-light:${light.fg};--shiki-dark:${dark.fg};--shiki-light-bg:${light.bg};--shiki-dark-bg:${dark.bg}`,
    )
  }" tabindex="0"`;
  const perGrammar = new Map<object, { attributes: ((scopes: string[]) => number)[]; styles: Map<string, string> }>();

  return (code, lang, style) => {
    const grammar = primitive.getLanguage(lang) as unknown as GrammarInternals;
    if ((grammar._tokenTypeMatchers?.length ?? 0) > 0) return undefined;
    let known = perGrammar.get(grammar);
    if (!known) {
      known = { attributes: facts.map((f) => attributesFor(f.theme, grammar)), styles: new Map() };
      perGrammar.set(grammar, known);
    }
    const { attributes, styles } = known;
    const styleOf = (a: number, b: number): string => {
      const key = `${a} ${b}`;
      let text = styles.get(key);
      if (text === undefined) styles.set(key, text = tokenStyle(light, a, dark, b));
      return text;
    };

    let html = preStart;
    for (const [name, value] of style.preAttributes) html += ` ${name}="${attribute(value)}"`;
    html += '><code>';
    const parts = code.length === 0 ? [''] : code.split(NEWLINE);
    let state: StateStack | null = null;
    for (let i = 0; i < parts.length; i += 2) {
      const line = parts[i]!;
      const spans: { text: string; style: string }[] = [];
      if (line !== '') {
        const scoped = grammar.tokenizeLine(line, state, 0);
        state = scoped.ruleStack;
        const [a, b] = attributes.map((of) => binaryTokens(scoped.tokens, of)) as [Uint32Array, Uint32Array];
        // The two themes' tokens, cut wherever either changes (shiki's alignThemesTokenization).
        let ia = 0;
        let ib = 0;
        let at = 0;
        while (at < line.length) {
          const endA = ia + 2 < a.length ? a[ia + 2]! : line.length;
          const endB = ib + 2 < b.length ? b[ib + 2]! : line.length;
          const end = Math.min(endA, endB, line.length);
          if (end > at) spans.push({ text: line.slice(at, end), style: styleOf(a[ia + 1]!, b[ib + 1]!) });
          at = end;
          if (endA <= at) ia += 2;
          if (endB <= at) ib += 2;
        }
      }
      // Whitespace-only tokens join the token after them (shiki's mergeWhitespaces).
      const merged: { text: string; style: string }[] = [];
      let carry = '';
      spans.forEach((span, j) => {
        if (WHITESPACE_ONLY.test(span.text) && j + 1 < spans.length) carry += span.text;
        else {
          merged.push(carry ? { text: carry + span.text, style: span.style } : span);
          carry = '';
        }
      });
      if (i > 0) html += '\n';
      const classes = [...new Set(['line', ...style.lineClasses(i / 2 + 1, merged[0]?.text ?? '')])];
      html += `<span class="${attribute(classes.join(' '))}">`;
      for (const span of merged) {
        html += span.style
          ? `<span style="${span.style}">${text(span.text)}</span>`
          : `<span>${text(span.text)}</span>`;
      }
      html += '</span>';
    }
    return `${html}</code></pre>`;
  };
}

/** The style attribute shiki gives a token: each theme's colour and font style as CSS variables. */
function tokenStyle(light: ThemeFacts, a: number, dark: ThemeFacts, b: number): string {
  const objects = [styleObject(light, a), styleObject(dark, b)];
  const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
  const out: string[] = [];
  objects.forEach((object, i) => {
    const prefix = i === 0 ? '--shiki-light' : '--shiki-dark';
    for (const key of keys) out.push(`${prefix}${key === 'color' ? '' : `-${key}`}:${object[key] || 'inherit'}`);
  });
  return attribute(out.join(';'));
}

function styleObject(facts: ThemeFacts, metadata: number): Record<string, string> {
  const style: Record<string, string> = {};
  const color = facts.colors[EncodedTokenMetadata.getForeground(metadata)];
  if (color) style.color = color;
  const font = EncodedTokenMetadata.getFontStyle(metadata);
  if (font > 0) {
    if (font & ITALIC) style['font-style'] = 'italic';
    if (font & BOLD) style['font-weight'] = 'bold';
    const decorations: string[] = [];
    if (font & UNDERLINE) decorations.push('underline');
    if (font & STRIKETHROUGH) decorations.push('line-through');
    if (decorations.length > 0) style['text-decoration'] = decorations.join(' ');
  }
  return style;
}

function replaced(color: string, theme: ThemeRegistrationResolved): string {
  return (color && theme.colorReplacements?.[color.toLowerCase()]) || color;
}

/** Text as hast-util-to-html writes it: "&" and "<" as hexadecimal references. */
function text(value: string): string {
  return value.replace(/[&<]/g, (c) => (c === '&' ? '&#x26;' : '&#x3C;'));
}

/** A double-quoted attribute value as hast-util-to-html writes it. */
function attribute(value: string): string {
  return value.replace(/[\0"&'`]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** What the grammar exposes at run time beyond its declared type. */
export interface GrammarInternals {
  name: string;
  tokenizeLine(
    line: string,
    state: StateStack | null,
    timeLimit?: number,
  ): { tokens: IToken[]; ruleStack: StateStack; stoppedEarly: boolean };
  tokenizeLine2(
    line: string,
    state: StateStack | null,
    timeLimit?: number,
  ): { tokens: Uint32Array; ruleStack: StateStack; stoppedEarly: boolean };
  getMetadataForScope(scope: string): { languageId: number; tokenType: number };
  balancedBracketSelectors?: { matchesAlways: boolean; matchesNever: boolean; match(scopes: string[]): boolean } | null;
  _tokenTypeMatchers?: unknown[];
}

/** A scope path as the theme matcher walks it: innermost scope first, through its parents. */
interface ScopePath {
  parent: ScopePath | null;
  scopeName: string;
}

const NOT_SET_TOKEN_TYPE = 8;
const NOT_SET_FONT_STYLE = -1;
/** The language id shiki loads every grammar with (the tokenizer's default for unembedded scopes). */
const GRAMMAR_LANGUAGE_ID = 1;

/** A token's attributes (as `tokenizeLine2` encodes them) from its scope path, for one theme. */
function attributesFor(theme: Theme, grammar: GrammarInternals): (scopes: string[]) => number {
  const known = new Map<string, number>();
  const defaults = theme.getDefaults();
  const root = EncodedTokenMetadata.set(
    0,
    GRAMMAR_LANGUAGE_ID,
    NOT_SET_TOKEN_TYPE,
    null,
    defaults.fontStyle,
    defaults.foregroundId,
    defaults.backgroundId,
  );
  const brackets = grammar.balancedBracketSelectors;
  return (scopes) => {
    const key = scopes.join(' ');
    let value = known.get(key);
    if (value !== undefined) return value;
    value = root;
    let path: ScopePath | null = null;
    for (const scope of scopes) {
      path = { parent: path, scopeName: scope };
      const basic = grammar.getMetadataForScope(scope);
      const style = theme.match(path as Parameters<Theme['match']>[0]);
      value = EncodedTokenMetadata.set(
        value,
        basic.languageId,
        basic.tokenType,
        null,
        style ? style.fontStyle : NOT_SET_FONT_STYLE,
        style ? style.foregroundId : 0,
        style ? style.backgroundId : 0,
      );
    }
    if (brackets && (brackets.matchesAlways || (!brackets.matchesNever && brackets.match(scopes)))) {
      value = EncodedTokenMetadata.set(value, 0, NOT_SET_TOKEN_TYPE, true, NOT_SET_FONT_STYLE, 0, 0);
    }
    known.set(key, value);
    return value;
  };
}

/** Scoped tokens as `tokenizeLine2` gives them: start and attributes, equal neighbours joined. */
function binaryTokens(tokens: IToken[], attributesOf: (scopes: string[]) => number): Uint32Array {
  const out: number[] = [];
  for (const token of tokens) {
    const value = attributesOf(token.scopes);
    if (out.length > 0 && out[out.length - 1] === value) continue;
    out.push(token.startIndex, value);
  }
  return Uint32Array.from(out);
}
