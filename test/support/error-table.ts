import { ERROR_CODES } from '../../src/lib/error-codes.ts';

/** The README's table of error codes, as the catalog says it should read. */
export function errorTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = Object.entries(ERROR_CODES).map(
    ([code, { when, hint, example }]) => `| \`${code}\` | ${cell(when)} | ${cell(hint)} | \`${cell(example)}\` |`,
  );
  return ['| Code | Raised when | What to do | Example |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The table as the README has it: the lines of the table that starts with the same header. */
export function readmeErrorTable(readme: string): string {
  const lines = readme.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| Code | Raised when |'));
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}
