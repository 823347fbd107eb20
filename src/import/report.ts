import type { ImportReport } from './types.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The report `colophon import` prints: every post converted (with what changed), skipped, then notes. */
export function formatImportReport(report: ImportReport): string[] {
  const lines = [`Imported ${report.engine} posts from ${report.dir}:`];
  for (const post of report.converted) {
    lines.push(`  converted  ${post.source} -> ${post.target}`);
    for (const change of post.changes) lines.push(`    changed  ${change}`);
  }
  for (const skip of report.skipped) lines.push(`  skipped    ${skip.source}: ${skip.reason}`);
  const changed = report.converted.filter((p) => p.changes.length > 0).length;
  lines.push(
    `${plural(report.converted.length, 'post')} converted (${changed} changed), ${report.skipped.length} skipped.`,
  );
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines;
}
