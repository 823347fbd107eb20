import { type DiffReport, type FeedChange, type Group, GROUPS, type TextChange } from './types.ts';

export interface FormatOptions {
  /** Counts only: the summary line and a line per group. */
  stat?: boolean;
}

/** Lines of text a page's diff shows at most; --json gives every line. */
const SHOWN_LINES = 12;
/** Characters of a line of text shown; a longer one is cut around its first difference. */
const WIDTH = 100;

const TITLES: Record<Group, string> = {
  posts: 'Posts',
  lists: 'Lists',
  feeds: 'Feeds',
  assets: 'Assets',
  other: 'Other',
};

/** The report as printed: a summary line, then each group's files with what changed in them. */
export function formatDiff(report: DiffReport, options: FormatOptions = {}): string[] {
  const differing = report.added.length + report.removed.length + report.changed.length;
  const files = report.unchanged + report.added.length + report.changed.length;
  const compared = `Compared ${report.old} with ${report.new}`;
  if (differing === 0) return [`${compared}: no differences (${count(files, 'file')}, identical).`];
  const out = [
    `${compared}: ${counts(report.added.length, report.removed.length, report.changed.length)}, ` +
    `${report.unchanged} unchanged.`,
  ];
  const sameAs = new Map<string, string>(); // a text change already shown ▶ the page it was shown for
  for (const group of GROUPS) {
    const lists = groupLists(report, group);
    const total = lists.added.length + lists.removed.length + lists.changed.length;
    if (total === 0) continue;
    const summary = counts(lists.added.length, lists.removed.length, lists.changed.length, false);
    if (options.stat) {
      out.push(`  ${group.padEnd(7)}${summary}`);
      continue;
    }
    out.push(`${TITLES[group]} (${summary}):`);
    for (const path of lists.added) out.push(`  added    ${path}`);
    for (const path of lists.removed) out.push(`  removed  ${path}`);
    for (const path of lists.changed) out.push(...changedLines(report, path, sameAs));
  }
  return out;
}

/** The added, removed and changed paths of one group, each in the report's order. */
export function groupLists(report: DiffReport, group: Group) {
  const of = (paths: string[]) => paths.filter((p) => report.groups[p] === group);
  return { added: of(report.added), removed: of(report.removed), changed: of(report.changed) };
}

function changedLines(report: DiffReport, path: string, sameAs: Map<string, string>): string[] {
  const detail = report.details[path];
  const head = `  changed  ${path}`;
  if (!detail) return [head];
  if (detail.kind === 'bytes') return [`${head}  (${detail.before} → ${detail.after} bytes)`];
  if (detail.kind === 'feed') return [head, ...feedLines(detail)];
  if (detail.hunks.length === 0) return [`${head}  (markup only: the visible text is the same)`];
  const key = JSON.stringify(detail.hunks);
  const first = sameAs.get(key);
  if (first !== undefined) return [`${head}  (the same text change as ${first})`];
  sameAs.set(key, path);
  return [head, ...textLines(detail)];
}

function textLines(change: TextChange): string[] {
  const lines: string[] = [];
  for (const { removed, added } of change.hunks) {
    const pair = removed.length === 1 && added.length === 1 ? from(removed[0]!, added[0]!) : 0;
    for (const line of removed) lines.push(`      - ${clip(line, pair)}`);
    for (const line of added) lines.push(`      + ${clip(line, pair)}`);
  }
  if (change.replaced) lines.unshift('      (too different to compare line by line: all of its text)');
  if (lines.length <= SHOWN_LINES) return lines;
  return [...lines.slice(0, SHOWN_LINES), `      … ${count(lines.length - SHOWN_LINES, 'more line')}`];
}

/** Where to start showing a replaced line: a little before its first difference from the other one. */
function from(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return Math.max(0, i - 30);
}

function clip(line: string, start: number): string {
  if (line.length <= WIDTH) return line;
  const shown = line.slice(start, start + WIDTH);
  return `${start > 0 ? '…' : ''}${shown}${start + WIDTH < line.length ? '…' : ''}`;
}

function feedLines(change: FeedChange): string[] {
  const entry = ({ id, title }: { id: string; title: string }) => `${JSON.stringify(title)} ${id}`;
  return [
    ...change.added.map((e) => `      + entry ${entry(e)}`),
    ...change.removed.map((e) => `      - entry ${entry(e)}`),
    ...change.changed.map((e) => `      ~ entry ${entry(e)}: ${e.fields.join(', ')}`),
    ...(change.fields.length > 0 ? [`      ~ feed: ${change.fields.join(', ')}`] : []),
  ];
}

/** `--json`: the report as one object; paths are relative to the output folder, lists sorted. */
export function jsonDiff(report: DiffReport, options: FormatOptions = {}): Record<string, unknown> {
  const groups = Object.fromEntries(GROUPS.map((g) => [g, groupLists(report, g)]));
  const { old, added, removed, changed, unchanged, details } = report;
  return { added, removed, changed, unchanged, old, new: report.new, groups, ...(options.stat ? {} : { details }) };
}

/** "1 added, 0 removed, 2 changed"; without `zeros`, "1 added, 2 changed". */
function counts(added: number, removed: number, changed: number, zeros = true): string {
  const parts: [number, string][] = [[added, 'added'], [removed, 'removed'], [changed, 'changed']];
  return parts.filter(([n]) => zeros || n > 0).map(([n, word]) => `${n} ${word}`).join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
