import { fencedBlock } from './fence.ts';

/** Blogofile's syntax_highlight filter: a `$$code(lang=python)` line, the code, a `$$/code` line. */
const OPENING = /^([ \t]*)\$\$code(?:\(([^\n]*)\))?[^\n]*$/;
const CLOSING = /^(.*?)[ \t]*\$\$\/code[ \t]*$/;

export interface CodeConversion {
  body: string;
  blocks: number;
  /** Arguments with no counterpart in a fence (linenums, style, cssclass), as written. */
  dropped: string[];
  /** `$$code` lines without a `$$/code`: left as they were. */
  unclosed: number;
}

/** Rewrites every `$$code ... $$/code` block as a fenced code block with the same language. */
export function convertBlogofileCode(body: string): CodeConversion {
  const lines = body.split('\n');
  const out: string[] = [];
  const result: CodeConversion = { body: '', blocks: 0, dropped: [], unclosed: 0 };
  for (let i = 0; i < lines.length; i++) {
    const open = OPENING.exec(lines[i]!);
    const end = open ? lines.findIndex((line, j) => j > i && CLOSING.test(line)) : -1;
    if (!open || end < 0) {
      if (open) result.unclosed++;
      out.push(lines[i]!);
      continue;
    }
    const code = lines.slice(i + 1, end);
    const last = CLOSING.exec(lines[end]!)![1]!;
    if (last.trim() !== '') code.push(last);
    const args = parseArguments(open[2] ?? '');
    const lang = args.get('lang') ?? args.get('language');
    for (const [key, value] of args) if (key !== 'lang' && key !== 'language') result.dropped.push(`${key}=${value}`);
    out.push(fencedBlock(lang === 'text' ? undefined : lang, code.join('\n'), open[1]));
    result.blocks++;
    i = end;
  }
  result.body = out.join('\n');
  return result;
}

/** `lang=python, linenums=True, style="murphy"` as a map; quotes around a value are dropped. */
function parseArguments(text: string): Map<string, string> {
  const args = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2');
    if (key) args.set(key, value);
  }
  return args;
}
