import { parseToml } from '../deps/toml.ts';
import { parseYaml } from '../deps/yaml.ts';
import type { ParsedPost } from './post-file.ts';

/**
 * Hugo's three kinds of front matter: YAML between `---` lines, TOML between `+++` lines, or a JSON
 * object that opens the file. Dates stay the text that was written, as for YAML everywhere else.
 */
export function parseHugoFront(raw: string): ParsedPost {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fenced = /^(---|\+\+\+)[ \t]*\n([\s\S]*?\n)?\1[ \t]*(?:\n|$)/.exec(text);
  let data: unknown;
  let head: string;
  try {
    if (fenced) {
      head = fenced[0];
      data = fenced[1] === '---' ? parseYaml(fenced[2] ?? '') : parseToml(fenced[2] ?? '');
    } else if (text.startsWith('{')) {
      const end = jsonEnd(text);
      if (end < 0) return { problem: 'its JSON front matter is never closed' };
      head = text.slice(0, end);
      data = JSON.parse(head);
    } else {
      return { problem: 'it has no front matter (---, +++ or a JSON object)' };
    }
  } catch (error) {
    return { problem: `its front matter cannot be read: ${(error as Error).message.split('\n')[0]}` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problem: 'its front matter is not a mapping of keys to values' };
  }
  const body = text.slice(head.length).replace(/^\n/, '');
  return {
    data: data as Record<string, unknown>,
    body,
    bodyLine: text.slice(0, text.length - body.length).split('\n').length,
  };
}

/** Where the JSON object that opens the text ends: the brace that closes it, outside strings. */
function jsonEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}
