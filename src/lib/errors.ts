import { ERROR_CODES, type ErrorCode } from './error-codes.ts';
import { compareText } from './order.ts';

/** Every user-facing failure is a ColophonError: a stable code, where it happened, what, and what to do. */
export interface ErrorDetails {
  file?: string;
  line?: number;
  column?: number;
  hint?: string;
  frame?: string;
}

export class ColophonError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly frame?: string;

  /** Without a hint of its own, the error prints its code's hint from the catalog. */
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'ColophonError';
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.hint = details.hint ?? ERROR_CODES[code].hint;
    this.frame = details.frame;
  }
}

/** Thrown by a stage that found one or more user errors; carries all of them. */
export class BuildFailure extends Error {
  readonly errors: ColophonError[];
  constructor(errors: ColophonError[]) {
    super(`${errors.length} error${errors.length === 1 ? '' : 's'}`);
    this.name = 'BuildFailure';
    this.errors = sortErrors(errors);
  }
}

/** Rethrows a user mistake (a ColophonError) as a BuildFailure; anything else is a bug and passes. */
export function asFailure(error: unknown): never {
  throw new BuildFailure([keepUserError(error)]);
}

/** A ColophonError (the user's to fix) is returned to be reported; anything else is a bug and is rethrown. */
export function keepUserError(error: unknown): ColophonError {
  if (error instanceof ColophonError) return error;
  throw error;
}

function sortErrors(errors: readonly ColophonError[]): ColophonError[] {
  return [...errors].sort(
    (a, b) =>
      compareText(a.file ?? '', b.file ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.message, b.message),
  );
}

/** The first frames of what user code (a plugin, a transform) threw, for an error's frame. */
export function topFrames(error: unknown, count = 3): string[] {
  if (!(error instanceof Error) || !error.stack) return [];
  return error.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, count).map((l) => l.trim());
}

export function location(error: ColophonError): string {
  if (!error.file) return '';
  if (error.line === undefined) return error.file;
  return `${error.file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
}

export function formatError(error: ColophonError): string {
  const where = location(error);
  const lines = [`error[${error.code}]${where ? ` ${where}` : ''}: ${error.message}`];
  if (error.frame) lines.push(error.frame);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}

/** A few lines of source around `line` (1-based) with a caret under `column`. */
export function codeFrame(text: string, line: number, column?: number, context = 2): string {
  const lines = text.split('\n');
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`  ${marker} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`);
    if (n === line && column !== undefined && column > 0) {
      out.push(`    ${' '.repeat(width)} | ${' '.repeat(column - 1)}^`);
    }
  }
  return out.join('\n');
}
