import { Parser } from 'htmlparser2';

/** What a parse reports, in document order. Element names come lower-cased in HTML, as written in XML. */
export interface MarkupHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  /** Text with entities decoded; CDATA sections in XML are text too. */
  text?(text: string): void;
  close?(name: string): void;
}

/**
 * Parses HTML (as browsers tokenize it: script and style are raw text, unclosed elements are
 * closed for you) or, with `xml`, a feed, calling the handlers as it goes; nothing is built.
 * htmlparser2 never throws on bad markup, so any page or feed can be read.
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
