import type { SiteSettings } from './types.ts';

/** Where the settings go when the site already has a site.config.ts, which is never touched. */
export const SETTINGS_FILE = 'site.config.import.ts';

/** The order keys are written in: who the site is, where posts go, then where lists, feeds and old URLs go. */
const ORDER = [
  'title',
  'description',
  'url',
  'author',
  'timezone',
  'permalink',
  'postsPerPage',
  'feeds',
  'paths',
  'aliases',
];

/** The old blog's settings as the text of a site.config.ts. */
export function configText(settings: SiteSettings, origin: string): string {
  const entries = Object.entries(settings).filter(([, value]) => value !== undefined && !isEmpty(value));
  entries.sort(([a], [b]) => rank(a) - rank(b));
  const body = entries.map(([key, value]) => `  ${key}: ${literal(value, '  ')},`).join('\n');
  return [
    `// Written by \`colophon import\` from ${origin}: the old blog's settings, so every old URL keeps working.`,
    "import { defineConfig } from 'colophon';",
    '',
    'export default defineConfig({',
    body,
    '});',
    '',
  ].join('\n');
}

/** Only the keys of a configText, as the lines to paste into an existing defineConfig({ ... }). */
export function configLines(text: string): string[] {
  return text.split('\n').slice(4, -2);
}

function rank(key: string): number {
  const at = ORDER.indexOf(key);
  return at < 0 ? ORDER.length : at;
}

function isEmpty(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** A value as TypeScript source, objects one key a line, lists of plain values on one line. */
function literal(value: unknown, indent: string): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, indent)).join(', ')}]`;
  const inner = `${indent}  `;
  const lines = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => `${inner}${/^[A-Za-z_$][\w$]*$/.test(key) ? key : quote(key)}: ${literal(item, inner)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}
