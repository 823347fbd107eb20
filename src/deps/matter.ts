import matter from 'gray-matter';
import yaml from 'js-yaml';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
}

export interface FrontMatterProblem {
  message: string;
  line?: number;
  column?: number;
}

/**
 * YAML is read with the core schema, so timestamps stay text (js-yaml would read an offset-less one
 * as UTC) and we interpret them in the site's timezone. An options object is always passed: without
 * one gray-matter caches parses by input text and hands back the same mutable object.
 */
const options = {
  engines: {
    yaml: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA }) as object,
  },
};

const OPENING = /^---[ \t]*\n/;
const CLOSING = /^---[ \t]*$/m;

export function parseFrontMatter(text: string): FrontMatter | FrontMatterProblem {
  if (!OPENING.test(text)) return { data: {}, body: text, bodyLine: 1 };
  const afterOpening = text.slice(text.indexOf('\n') + 1);
  if (!CLOSING.test(afterOpening)) {
    return { message: 'the front matter opened with "---" on line 1 is never closed', line: 1, column: 1 };
  }
  try {
    // gray-matter copies whatever it is given into a Buffer first, so it gets only the front matter
    // and what decides where the body starts: the first "\n---" after the opening line (its closing
    // delimiter) and the "\r" and "\n" it drops after it. The body is the rest of the same text.
    // (The closing line found above may follow a lone "\r" instead: then it gets the whole text.)
    const close = text.indexOf('\n---', 3);
    const head = close < 0 ? text : text.slice(0, close + '\n---'.length + 2);
    const parsed = matter(head, options);
    const data = parsed.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { message: 'the front matter must be a YAML mapping of keys to values', line: 2 };
    }
    const body = text.slice(head.length - parsed.content.length);
    const bodyLine = text.slice(0, text.length - body.length).split('\n').length;
    return { data: data as Record<string, unknown>, body, bodyLine };
  } catch (error) {
    return yamlProblem(error);
  }
}

function yamlProblem(error: unknown): FrontMatterProblem {
  if (error instanceof yaml.YAMLException) {
    const mark = (error as { mark?: { line: number; column: number } }).mark;
    const reason = (error as { reason?: string }).reason ?? error.message;
    // The YAML text handed to the parser starts at the end of the opening "---" line.
    return {
      message: `invalid YAML: ${reason}`,
      line: mark ? mark.line + 1 : undefined,
      column: mark ? mark.column + 1 : undefined,
    };
  }
  return { message: `invalid front matter: ${error instanceof Error ? error.message : String(error)}` };
}

export function isProblem(value: FrontMatter | FrontMatterProblem): value is FrontMatterProblem {
  return 'message' in value;
}
