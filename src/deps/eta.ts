import { Eta } from 'eta';
import { sha256 } from '../lib/digest.ts';
import { compareText } from '../lib/order.ts';

export interface TemplateSource {
  name: string; // "post", "partials/entry"
  file: string; // for messages: "layouts/post.eta"
  text: string;
}

export interface TemplateFailure {
  template: string; // the file of the failing template
  message: string;
  line?: number;
}

export interface Templates {
  /** SHA-256 over every template's name and text: equal digests render equal pages from equal data. */
  digest: string;
  /**
   * SHA-256 over the templates that rendering `name` can reach (itself, its layout, what they include,
   * and so on), or `digest` when one of them names a template in a way that cannot be read statically.
   */
  digestOf(name: string): string;
  has(name: string): boolean;
  render(name: string, data: object): string;
}

/**
 * Templates live in memory under "@name", so the built-in theme and a site's own layouts/ merge file by
 * file and the dev server can reload them without touching Eta's file resolution.
 */
export function createTemplates(sources: TemplateSource[]): Templates {
  const eta = new Eta({ autoEscape: true, cache: true, debug: true, useWith: false });
  const byName = new Map(sources.map((s) => [s.name, s]));
  for (const source of sources) {
    try {
      eta.loadTemplate(`@${source.name}`, source.text);
    } catch (error) {
      throw failure(source.file, error);
    }
  }
  const names = [...byName.keys()].sort(compareText);
  const digest = sha256(names.map((name) => `${name}\0${byName.get(name)!.text}`).join('\0'));
  const reached = new Map<string, string>();
  return {
    digest,
    digestOf(name) {
      let known = reached.get(name);
      if (known === undefined) reached.set(name, known = closureDigest(name, byName) ?? digest);
      return known;
    },
    has: (name) => byName.has(name),
    render(name, data) {
      try {
        return eta.render(`@${name}`, data);
      } catch (error) {
        throw failure(byName.get(name)?.file ?? name, error);
      }
    },
  };
}

// A call that names another template: include('@x', …), includeAsync, layout. A call whose first
// argument is not a quoted "@name" (a variable, a file path) may reach any template.
const CALL = /\b(?:include|includeAsync|layout)\s*\(/g;
const NAMED = /\b(?:include|includeAsync|layout)\s*\(\s*(['"`])@([^'"`$\\]+)\1\s*[,)]/g;

/** The digest of every template `name` reaches, with the names it reaches that do not exist; undefined: unknowable. */
function closureDigest(name: string, byName: ReadonlyMap<string, TemplateSource>): string | undefined {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const text = byName.get(next)?.text;
    if (text === undefined) continue;
    const named = [...text.matchAll(NAMED)].map((m) => m[2]!);
    if (named.length !== [...text.matchAll(CALL)].length) return undefined;
    queue.push(...named);
  }
  const parts = [...seen].sort(compareText).map((n) => `${n}\0${byName.get(n)?.text ?? '\u0000missing'}`);
  return sha256(parts.join('\0'));
}

/** Eta's debug messages read "line N", a frame, a blank line, then the cause (repeated per include). */
function failure(file: string, error: unknown): TemplateFailure {
  const text = error instanceof Error ? error.message : String(error);
  const paragraphs = text.split('\n\n');
  const runtime = /^line \d+/.test(text);
  const cause = (runtime ? paragraphs[paragraphs.length - 1]!.trim() : text).split('\n')[0]!.replace(/:$/, '');
  const line = /^line (\d+)/.exec(text) ?? /at line (\d+)/.exec(text);
  return { template: file, message: cause, line: line ? Number(line[1]) : undefined };
}

export function isTemplateFailure(value: unknown): value is TemplateFailure {
  return typeof value === 'object' && value !== null && 'template' in value && 'message' in value;
}
