import { Buffer } from 'node:buffer';
import { posix } from 'node:path';
import { diffLineLists } from '../deps/text-diff.ts';
import { sha256 } from '../lib/digest.ts';
import { byUtf8 } from '../lib/order.ts';
import { PUBLISHED_MANIFEST } from '../output/manifest.ts';
import { readFeed } from './feed-entries.ts';
import { sideFailure } from './sides.ts';
import type { Detail, DiffReport, FeedChange, Group, Side, TextChange } from './types.ts';
import { visibleText } from './visible-text.ts';

/**
 * Walks every output path of both sides once, in UTF-8 byte order, rendering each file of a build
 * as it goes and dropping it after the comparison: two builds of a large site are never held in
 * memory whole. Every file of both builds is rendered, so that a template failing on any page, even
 * one only the other side has, makes that side's build fail as `colophon build` would.
 */
export async function compareSides(older: Side, newer: Side): Promise<DiffReport> {
  const report: DiffReport = {
    old: older.label,
    new: newer.label,
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    groups: {},
    details: {},
  };
  const paths = [...new Set([...older.paths, ...newer.paths])].sort(byUtf8);
  // A published manifest is made from the hashes of every other file: it comes last. A manifest
  // never lists it (it lists the files the published one describes), so against one it is left out.
  const last = paths.indexOf(PUBLISHED_MANIFEST);
  if (last >= 0) {
    const [manifest] = paths.splice(last, 1);
    if (older.bytes && newer.bytes) paths.push(manifest!);
  }
  for (const path of paths) {
    const inOld = older.paths.has(path);
    const inNew = newer.paths.has(path);
    const before = inOld ? await older.bytes?.(path) : undefined;
    const after = inNew ? await newer.bytes?.(path) : undefined;
    const group = newer.groupOf(path) ?? older.groupOf(path) ?? groupByName(path);
    if (!inOld || !inNew) {
      (inNew ? report.added : report.removed).push(path);
      report.groups[path] = group;
    } else if (same(older, before, newer, after, path)) {
      report.unchanged++;
    } else {
      report.changed.push(path);
      report.groups[path] = group;
      if (before && after) report.details[path] = detail(path, group, before, after);
    }
  }
  for (const side of [older, newer]) {
    const errors = side.errors?.() ?? [];
    if (errors.length > 0) throw sideFailure(side.label, errors);
  }
  for (const list of [report.added, report.removed, report.changed]) list.sort(byUtf8); // the manifest's place
  return report;
}

function same(older: Side, before: Uint8Array | undefined, newer: Side, after: Uint8Array | undefined, path: string) {
  if (before && after) return Buffer.compare(before, after) === 0;
  if (older.bytes && !before || newer.bytes && !after) return true; // a page that failed: reported after the walk
  const hash = (side: Side, bytes?: Uint8Array) => bytes ? sha256(bytes) : side.sha256!(path);
  return hash(older, before) === hash(newer, after);
}

/**
 * Without a site model (an output folder, a manifest), only feeds can be told by their names: the
 * default ones, and index.xml, where `paths` puts feeds that keep a Hugo or Blogofile URL.
 */
function groupByName(path: string): Group {
  return ['atom.xml', 'rss.xml', 'feed.json', 'index.xml'].includes(posix.basename(path)) ? 'feeds' : 'other';
}

function detail(path: string, group: Group, before: Uint8Array, after: Uint8Array): Detail {
  if (/\.html?$/i.test(path)) return textChange(visibleText(decode(before)), visibleText(decode(after)));
  if (group === 'feeds') {
    const change = feedChange(decode(before), decode(after));
    if (change) return change;
  }
  const a = asText(before);
  const b = asText(after);
  if (a !== undefined && b !== undefined) return textChange(a.split('\n'), b.split('\n'));
  return { kind: 'bytes', before: before.byteLength, after: after.byteLength };
}

const decoder = new TextDecoder();
const decode = (bytes: Uint8Array) => decoder.decode(bytes);
const strict = new TextDecoder('utf-8', { fatal: true });

/** Text files up to this size are compared line by line; larger ones, and binary files, by size. */
const TEXT_LIMIT = 1_000_000;

function asText(bytes: Uint8Array): string | undefined {
  if (bytes.byteLength > TEXT_LIMIT || bytes.includes(0)) return undefined;
  try {
    return strict.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Beyond this many lines of difference a page's text is shown as replaced rather than diffed. */
const MAX_EDITS = 2000;

/** The lines removed and added from `a` to `b`, as hunks. */
export function textChange(a: string[], b: string[]): TextChange {
  const runs = diffLineLists(a, b, MAX_EDITS);
  if (!runs) return { kind: 'text', hunks: [{ removed: a, added: b }], replaced: true };
  const hunks: TextChange['hunks'] = [];
  let open: TextChange['hunks'][number] | undefined;
  for (const run of runs) {
    if (run.kind === 'same') {
      open = undefined;
      continue;
    }
    if (!open) hunks.push(open = { removed: [], added: [] });
    open[run.kind].push(...run.lines);
  }
  return { kind: 'text', hunks };
}

/** Entries by id: added, removed, or present in both with different fields; undefined if either is no feed. */
export function feedChange(before: string, after: string): FeedChange | undefined {
  const a = readFeed(before);
  const b = readFeed(after);
  if (!a || !b) return undefined;
  const olds = new Map(a.entries.map((e) => [e.id, e]));
  const news = new Map(b.entries.map((e) => [e.id, e]));
  const ref = ({ id, title }: { id: string; title: string }) => ({ id, title });
  const changed: FeedChange['changed'] = [];
  for (const entry of b.entries) {
    const old = olds.get(entry.id);
    const fields = old ? changedFields(old.fields, entry.fields) : [];
    if (fields.length > 0) changed.push({ ...ref(entry), fields });
  }
  return {
    kind: 'feed',
    added: b.entries.filter((e) => !olds.has(e.id)).map(ref),
    removed: a.entries.filter((e) => !news.has(e.id)).map(ref),
    changed,
    fields: changedFields(a.fields, b.fields),
  };
}

function changedFields(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  const names = [...new Set([...a.keys(), ...b.keys()])].sort(byUtf8);
  return names.filter((name) => a.get(name) !== b.get(name));
}
