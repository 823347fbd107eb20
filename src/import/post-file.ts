import { isProblem, parseFrontMatter } from '../deps/matter.ts';
import { dumpYaml } from '../deps/yaml.ts';

export type ParsedPost = { data: Record<string, unknown>; body: string; bodyLine: number } | { problem: string };

/** An old post's text as a build would see it (no BOM, "\n" line endings), split at its front matter. */
export function parsePost(raw: string): ParsedPost {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/^---[ \t]*\n/.test(text)) return { problem: 'it has no front matter between "---" lines' };
  const parsed = parseFrontMatter(text);
  if (isProblem(parsed)) return { problem: `its front matter cannot be read: ${parsed.message}` };
  return { data: parsed.data, body: parsed.body, bodyLine: parsed.bodyLine };
}

/** The text of a Colophon post file. Keys whose value is undefined are left out. */
export function composePost(data: Record<string, unknown>, body: string): string {
  const defined = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined));
  const text = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  return `---\n${dumpYaml(defined)}---\n${text}`;
}

/** A list of names from a YAML list or from one string, split by `separator` if given; blanks and repeats dropped. */
export function nameList(value: unknown, separator?: RegExp): string[] {
  const one = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  const items = Array.isArray(value) ? value : one === undefined ? [] : separator ? one.split(separator) : [one];
  const names = items.filter((item) => typeof item === 'string' || typeof item === 'number').map((item) =>
    String(item).trim()
  );
  return [...new Set(names.filter((name) => name !== ''))];
}

/** The front matter keys not in `handled`, in their original order. */
export function otherKeys(data: Record<string, unknown>, handled: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !handled.includes(key)));
}

/** YAML 1.1 (Python, Ruby) truth, which the core schema reads as text: "yes", "on", "True". */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') return !/^(|no|n|off|false|0|null|~)$/i.test(value.trim());
  return Boolean(value);
}
