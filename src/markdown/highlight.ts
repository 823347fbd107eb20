import { bundledLanguage, createShiki, ENGINE, shikiVersion, type Themes } from '../deps/shiki.ts';
import { IO_CONCURRENCY, mapLimit } from '../lib/concurrency.ts';
import { sha256 } from '../lib/digest.ts';
import { compareText } from '../lib/order.ts';
import { engineDigest } from './engine-digest.ts';
import type { Fence, FenceRequest, Highlighters, HighlightRun, HighlightSettings } from './types.ts';

const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

/** Reads a fence's info string: language first, then an optional {1,3-5} line list. */
export function readInfo(code: string, info: string): FenceRequest {
  const [name = '', ...rest] = info.trim().split(/\s+/);
  if (PLAIN.has(name.toLowerCase())) return { kind: 'plain' };
  const lang = bundledLanguage(name);
  if (!lang) return { kind: 'unknown', name };
  return { kind: 'code', fence: { code, lang, lines: lineList(rest.join(' ')) } };
}

function lineList(attrs: string): number[] {
  const spec = /\{([\d,\s-]+)\}/.exec(attrs)?.[1];
  if (!spec) return [];
  const lines = new Set<number>();
  for (const part of spec.split(',')) {
    const [from, to = from] = part.trim().split('-').map(Number);
    if (!from || !to || to < from || to - from > 10_000) continue;
    for (let n = from; n <= to; n++) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

/** A block's cache key: its code and settings, shiki's version and the code that drives shiki. */
function fenceKey(fence: Fence, themes: Themes): string {
  return sha256(
    JSON.stringify([
      'colophon-highlight-4',
      engineDigest(['../deps/shiki', '../deps/shiki-html']),
      shikiVersion,
      ENGINE,
      themes.light,
      themes.dark,
      fence.lang,
      fence.lines,
      fence.code,
    ]),
  );
}

/**
 * Highlights fences on this thread, one highlighter per language. A grammar that embeds others lazily
 * (a markdown fence holding YAML or JS) uses whichever of them happen to be loaded, so sharing a
 * highlighter between languages would make a block's HTML depend on the rest of the site, or on which
 * worker got it. Alone, each block depends only on its code, language, lines and themes.
 */
export async function highlightHere(fences: readonly Fence[], themes: Themes): Promise<string[]> {
  const html = new Array<string>(fences.length);
  for (const lang of [...new Set(fences.map((f) => f.lang))].sort()) {
    const shiki = await highlighterFor(lang, themes);
    fences.forEach((f, i) => {
      if (f.lang === lang) html[i] = shiki.highlight(f.code.replace(/\n$/, ''), f.lang, { lines: new Set(f.lines) });
    });
  }
  return html;
}

/**
 * A thread keeps its highlighters: one per language and themes, holding only that language, so
 * reusing one for the next batch gives the same HTML as a new one, without compiling its grammar
 * again.
 */
const highlighters = new Map<string, ReturnType<typeof createShiki>>();

function highlighterFor(lang: string, themes: Themes): ReturnType<typeof createShiki> {
  const key = JSON.stringify([lang, themes.light, themes.dark]);
  let shiki = highlighters.get(key);
  if (!shiki) {
    shiki = createShiki(themes, [lang]);
    shiki.catch(() => highlighters.delete(key));
    highlighters.set(key, shiki);
  }
  return shiki;
}

/**
 * Highlights every fence of a build: identical blocks once, cached blocks not at all, and a
 * highlighter is created only when something is left to highlight, with just those languages
 * (one per worker when there are workers).
 */
export async function highlightFences(
  fences: Fence[],
  settings: HighlightSettings,
  workers?: Highlighters,
): Promise<HighlightRun> {
  const keys = fences.map((f) => fenceKey(f, settings.themes));
  const byKey = new Map<string, string>();
  const firstOf = new Map<string, Fence>();
  keys.forEach((key, i) => firstOf.has(key) || firstOf.set(key, fences[i]!));
  const unique = [...firstOf.keys()];
  const cached = await mapLimit(unique, IO_CONCURRENCY, async (key) => settings.cache?.get(key));
  const todo = unique.filter((_, i) => cached[i] === undefined);
  unique.forEach((key, i) => cached[i] !== undefined && byKey.set(key, cached[i]!));
  if (todo.length > 0) {
    const missing = todo.map((key) => firstOf.get(key)!);
    const html = workers && todo.length > 1
      ? await spread(missing, settings.themes, workers)
      : await highlightHere(missing, settings.themes);
    todo.forEach((key, i) => byKey.set(key, html[i]!));
    if (settings.cache) {
      await mapLimit(todo, IO_CONCURRENCY, (key) => settings.cache!.put(key, byKey.get(key)!));
      await settings.cache.prune();
    }
  }
  return { html: keys.map((key) => byKey.get(key)!), highlighted: todo.length };
}

/** Fences per batch a worker takes: small enough to even out, large enough to keep messages few. */
const BATCH = 24;

/**
 * Batches in language order, taken by whichever worker is free: blocks of some languages cost ten
 * times others', so equal shares left one worker idle for seconds. Each result goes back to its
 * fence's place, so the output does not depend on which worker did what.
 */
async function spread(fences: Fence[], themes: Themes, workers: Highlighters): Promise<string[]> {
  // A stable sort: ties keep input order.
  const order = fences.map((_, i) => i).sort((a, b) => compareText(fences[a]!.lang, fences[b]!.lang));
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += BATCH) batches.push(order.slice(start, start + BATCH));
  const results = await mapLimit(
    batches,
    workers.size,
    (batch) => workers.highlight(batch.map((i) => fences[i]!), themes),
  );
  const html = new Array<string>(fences.length);
  batches.forEach((batch, b) => batch.forEach((index, j) => (html[index] = results[b]![j]!)));
  return html;
}
