import { configLines, SETTINGS_FILE } from './site-config.ts';
import type { ImportReport, OldUrl } from './types.ts';

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * The report `colophon import` prints: every post and page converted (with what changed), every file
 * skipped, every old URL and where it now lives, the configuration, then notes.
 */
export function formatImportReport(report: ImportReport): string[] {
  const verb = report.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${verb} ${report.engine} posts from ${report.dir}${report.dryRun ? ' (dry run: nothing written)' : ''}:`,
  ];
  for (const post of report.converted) {
    lines.push(`  converted  ${post.source} -> ${post.target}`);
    for (const change of post.changes) lines.push(`    changed  ${change}`);
  }
  for (const page of report.pages) {
    lines.push(`  page       ${page.source} -> ${page.target}`);
    for (const change of page.changes) lines.push(`    changed  ${change}`);
  }
  for (const skip of report.skipped) lines.push(`  skipped    ${skip.source}: ${skip.reason}`);
  for (const file of report.kept) lines.push(`  kept       ${file} (it exists; nothing is overwritten)`);
  const changed = report.converted.filter((p) => p.changes.length > 0).length;
  lines.push(
    `${plural(report.converted.length, 'post')} converted (${changed} changed), ${report.skipped.length} skipped.`,
    `${plural(report.pages.length, 'page')}, ${plural(report.copied, 'file')} copied.`,
  );
  lines.push('Old URLs and where they are now:', ...urlLines(report).map(formatUrl));
  lines.push(...configReport(report));
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines;
}

/** Posts and pages first (each at its old path, its other old URLs as aliases), then lists and feeds. */
function urlLines(report: ImportReport): OldUrl[] {
  const urls: OldUrl[] = [];
  for (const post of report.converted) {
    const what = post.draft ? 'draft post, built with --drafts' : 'post';
    urls.push({ url: post.oldUrl, what, how: 'same' });
    for (const alias of post.aliases ?? []) urls.push({ url: alias, what, how: 'alias', detail: post.oldUrl });
  }
  for (const page of report.pages) urls.push({ url: page.oldUrl, what: 'page', how: 'same' });
  return [...urls, ...report.urls];
}

function formatUrl(url: OldUrl): string {
  if (url.how === 'same') return `  same   ${url.url}  (${url.what})`;
  if (url.how === 'alias') return `  alias  ${url.url} -> ${url.detail}  (${url.what})`;
  return `  lost   ${url.url}  (${url.what}): ${url.detail}`;
}

function configReport(report: ImportReport): string[] {
  const { config } = report;
  if (!config.existing) {
    const state = config.written ? 'written' : report.dryRun ? 'to be written' : 'not written';
    return [`site.config.ts ${state}, with the old blog's settings:`, ...indent(config.text.trimEnd().split('\n'))];
  }
  const beside = config.written
    ? ` (also written to ${config.written})`
    : report.dryRun
    ? ''
    : ` (${SETTINGS_FILE} exists too and was left alone)`;
  return [
    `site.config.ts exists and was left alone: add these settings to it${beside}:`,
    ...indent(configLines(config.text)),
  ];
}

function indent(lines: string[]): string[] {
  return lines.map((line) => `  ${line}`);
}
