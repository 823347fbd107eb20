import { Parser, Tokenizer } from 'htmlparser2';

/** What a parse reports, in document order. Element names come lower-cased in HTML, as written in XML. */
export interface MarkupHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  /** Text with entities decoded; CDATA sections in XML are text too. */
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Parses a feed (XML), or HTML as a tree builder sees it (unclosed elements closed for you),
 * calling the handlers as it goes; nothing is built. htmlparser2 never throws on bad markup.
 */
export function parseMarkup(text: string, handlers: MarkupHandlers, options: { xml?: boolean } = {}): void {
  const parser = new Parser(
    {
      onopentag: (name, attributes) => handlers.open?.(name, attributes),
      ontext: (data) => handlers.text?.(data),
      onclosetag: (name) => handlers.close?.(name),
    },
    { xmlMode: options.xml ?? false, decodeEntities: true },
  );
  parser.end(text);
}

/** What scanning HTML reports: tags as written (names lower-cased, no attributes) and decoded text. */
export interface HtmlTokens {
  open(name: string): void;
  close(name: string): void;
  text(text: string): void;
}

const ignore = () => {};

/**
 * HTML's tokens as a browser's tokenizer reads them (script and style as raw text, entities decoded,
 * comments dropped), without the tree builder's work: no attribute values are decoded or collected
 * and no elements are closed for you. About twice as fast as parseMarkup, for reading the text of
 * many pages.
 */
export function scanHtml(html: string, tokens: HtmlTokens): void {
  const tokenizer = new Tokenizer({ decodeEntities: true }, {
    onopentagname: (start, end) => tokens.open(html.slice(start, end).toLowerCase()),
    onclosetag: (start, end) => tokens.close(html.slice(start, end).toLowerCase()),
    ontext: (start, end) => tokens.text(html.slice(start, end)),
    ontextentity: (codepoint) => tokens.text(String.fromCodePoint(codepoint)),
    onattribdata: ignore,
    onattribentity: ignore,
    onattribend: ignore,
    onattribname: ignore,
    oncdata: ignore,
    oncomment: ignore,
    ondeclaration: ignore,
    onend: ignore,
    onopentagend: ignore,
    onprocessinginstruction: ignore,
    onselfclosingtag: ignore,
  });
  tokenizer.write(html);
  tokenizer.end();
}
