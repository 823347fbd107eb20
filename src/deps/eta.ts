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
  return {
    digest,
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
