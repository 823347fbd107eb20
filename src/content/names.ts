import type { ColophonError } from '../lib/errors.ts';

export interface NameField {
  key: string; // the front matter key: "tags"
  noun: string; // one of them: "tag"
}

/**
 * A front matter list of names (categories, tags): a YAML list or a comma-separated string. Whitespace is
 * collapsed, names compare case-insensitively and the first spelling of each is kept, in order.
 */
export function readNames(value: unknown, field: NameField, fail: (message: string) => ColophonError): string[] {
  if (value === undefined || value === null) return [];
  const names = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!names) throw fail(`"${field.key}" must be a list or a comma-separated string, not ${describeValue(value)}`);
  const out = new Map<string, string>();
  for (const entry of names) {
    if (typeof entry !== 'string' && typeof entry !== 'number') {
      throw fail(`each ${field.noun} must be a name, not ${describeValue(entry)}`);
    }
    const name = String(entry).trim().replace(/\s+/g, ' ');
    if (name === '' && typeof value !== 'string') throw fail(`a ${field.noun} name is empty`);
    if (name !== '' && !out.has(name.toLowerCase())) out.set(name.toLowerCase(), name);
  }
  return [...out.values()];
}

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}
