import { diffArrays } from 'diff';

/** A run of lines that both sides share, or that only the old or only the new side has. */
export interface LineRun {
  kind: 'same' | 'removed' | 'added';
  lines: string[];
}

/**
 * The shortest edit from `before` to `after`, line by line (jsdiff's Myers diff), as runs in order.
 * Undefined when the two differ by more than `maxEdits` lines: the cost of the diff grows with that
 * number, and such a page is better described as replaced. The bound is a count, never a time, so
 * the answer is the same on every machine.
 */
export function diffLineLists(before: string[], after: string[], maxEdits: number): LineRun[] | undefined {
  const changes = diffArrays(before, after, { maxEditLength: maxEdits });
  if (changes === undefined) return undefined;
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', lines: c.value }));
}
