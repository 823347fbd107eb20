import type { CodeToHastOptions, ShikiPrimitive } from 'shiki';
import { codeToHtml } from 'shiki/core';
import { EncodedTokenMetadata, type IToken, type StateStack, Theme } from 'shiki/textmate';

/**
 * Light and dark colours from one tokenization.
 *
 * For a block with two themes, shiki runs the grammar over the code once per theme, and the
 * grammar's regular expressions are nearly all of a highlight's cost. Yet the scopes a grammar
 * finds do not depend on the theme: only the colours looked up for them do. So the first pass asks
 * the grammar for scopes (`tokenizeLine`), works out every theme's token attributes from those
 * scopes exactly as the tokenizer would have, and hands shiki the second theme's tokens from that
 * when it asks. Everything else (splitting, merging, HTML) is shiki's own code, so the bytes are
 * shiki's: test/unit/languages.test.ts compares them with shiki's for every bundled language
 * and theme.
 *
 * The attributes of a token are a fold over its scope path, root first: each scope's language and
 * token type from the grammar, and its font style and colours from the theme, a style left unset
 * keeping its parent's. Adjacent tokens whose attributes are equal are one token, as in
 * `tokenizeLine2`. Whenever shiki asks for something this did not prepare, the real tokenizer
 * answers.
 */

/** What the grammar exposes at run time beyond its declared type. */
interface GrammarInternals {
  name: string;
  tokenizeLine(line: string, state: StateStack | null, timeLimit?: number): { tokens: IToken[]; ruleStack: StateStack; stoppedEarly: boolean };
  tokenizeLine2(line: string, state: StateStack | null, timeLimit?: number): { tokens: Uint32Array; ruleStack: StateStack; stoppedEarly: boolean };
  getMetadataForScope(scope: string): { languageId: number; tokenType: number };
  balancedBracketSelectors?: { matchesAlways: boolean; matchesNever: boolean; match(scopes: string[]): boolean } | null;
  _tokenTypeMatchers?: unknown[];
}

type Line2 = ReturnType<GrammarInternals['tokenizeLine2']>;

/** A line tokenized in the first pass, waiting for a later theme's request. */
interface Queued {
  grammar: GrammarInternals;
  state: StateStack | null;
  line: string;
  result: Line2;
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

/**
 * Returns codeToHtml for `highlighter` that tokenizes each block once for all of `themeNames`, or
 * undefined when the themes' colour maps are not the ones the highlighter uses (then token
 * attributes worked out here could name the wrong colours).
 */
export function onePassHtml(highlighter: { getInternalContext(): ShikiPrimitive }, themeNames: readonly string[]): ((code: string, options: CodeToHastOptions) => string) | undefined {
  const primitive = highlighter.getInternalContext();
  const themes = themeNames.map((name) => {
    const theme = Theme.createFromRawTheme(primitive.getTheme(name));
    const { colorMap } = primitive.setTheme(name);
    return sameList(theme.getColorMap(), colorMap) ? theme : undefined;
  });
  if (themes.some((theme) => theme === undefined)) return undefined;

  let current = -1; // the theme shiki last selected
  // Per theme after the first, the lines tokenized for it in the first pass, in order.
  let queues: Queued[][] = [];
  let served: number[] = [];
  const grammars = new Map<object, GrammarInternals>();

  function wrap(grammar: GrammarInternals): GrammarInternals {
    // Token type overrides would change attributes in ways the fold below does not know; shiki
    // sets none, but should it ever, the grammar is left to tokenize once per theme.
    if ((grammar._tokenTypeMatchers?.length ?? 0) > 0) return grammar;
    let wrapped = grammars.get(grammar);
    if (wrapped) return wrapped;
    const attributes = themes.map((theme) => attributesFor(theme!, grammar));
    wrapped = Object.create(grammar) as GrammarInternals;
    // Every other call goes to the grammar itself, so that its lazily set fields stay on it.
    wrapped.tokenizeLine = (line, state, timeLimit) => grammar.tokenizeLine(line, state, timeLimit);
    wrapped.tokenizeLine2 = (line, state, timeLimit) => {
      if (current === 0) {
        const scoped = grammar.tokenizeLine(line, state, timeLimit);
        const [first, ...rest] = attributes.map((of) => binaryTokens(scoped.tokens, of));
        rest.forEach((tokens, i) => (queues[i] ??= []).push({ grammar, state, line, result: { tokens, ruleStack: scoped.ruleStack, stoppedEarly: scoped.stoppedEarly } }));
        return { tokens: first!, ruleStack: scoped.ruleStack, stoppedEarly: scoped.stoppedEarly };
      }
      const next = current > 0 ? queues[current - 1]?.[served[current - 1] ?? 0] : undefined;
      if (next && next.grammar === grammar && next.state === state && next.line === line) {
        served[current - 1] = (served[current - 1] ?? 0) + 1;
        return next.result;
      }
      forget();
      return grammar.tokenizeLine2(line, state, timeLimit);
    };
    grammars.set(grammar, wrapped);
    return wrapped;
  }

  function forget(): void {
    queues = [];
    served = [];
  }

  const mine: ShikiPrimitive = {
    ...primitive,
    setTheme(theme) {
      current = typeof theme === 'string' ? themeNames.indexOf(theme) : -1;
      return primitive.setTheme(theme);
    },
    getLanguage: (name) => wrap(primitive.getLanguage(name) as unknown as GrammarInternals) as unknown as ReturnType<ShikiPrimitive['getLanguage']>,
  };
  return (code, options) => {
    forget();
    try {
      return codeToHtml(mine, code, options);
    } finally {
      forget();
    }
  };
}

/** A token's attributes (as `tokenizeLine2` encodes them) from its scope path, for one theme. */
function attributesFor(theme: Theme, grammar: GrammarInternals): (scopes: string[]) => number {
  const known = new Map<string, number>();
  const defaults = theme.getDefaults();
  const root = EncodedTokenMetadata.set(0, GRAMMAR_LANGUAGE_ID, NOT_SET_TOKEN_TYPE, null, defaults.fontStyle, defaults.foregroundId, defaults.backgroundId);
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
