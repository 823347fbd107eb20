import { sha256 } from './digest.ts';
import { bundledLanguage, createShiki, ENGINE, shikiVersion, type Themes } from './deps/shiki.ts';
import type { HighlightCache } from './highlight-cache.ts';

/** A fenced code block waiting to be highlighted. */
export interface Fence {
  code: string;
  lang: string; // a bundled language id
  lines: number[]; // emphasised lines from the info string: ```js {2,4-5}
}

export interface HighlightSettings {
  themes: Themes;
  cache?: HighlightCache;
}

const PLAIN = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

export type FenceRequest = { kind: 'plain' } | { kind: 'unknown'; name: string } | { kind: 'code'; fence: Fence };

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

export function fenceKey(fence: Fence, themes: Themes): string {
  return sha256(JSON.stringify(['colophon-highlight-1', shikiVersion, ENGINE, themes.light, themes.dark, fence.lang, fence.lines, fence.code]));
}

export interface HighlightRun {
  html: string[]; // one per fence, in order
  highlighted: number; // blocks that went through shiki (cache misses)
}

/**
 * Highlights every fence of a build: identical blocks once, cached blocks not at all, and the
 * highlighter is created only when something is left to highlight, with just those languages.
 */
export async function highlightFences(fences: Fence[], settings: HighlightSettings): Promise<HighlightRun> {
  const keys = fences.map((f) => fenceKey(f, settings.themes));
  const byKey = new Map<string, string>();
  const todo = new Map<string, Fence>();
  const firstOf = new Map<string, Fence>();
  keys.forEach((key, i) => firstOf.has(key) || firstOf.set(key, fences[i]!));
  const unique = [...firstOf.keys()];
  const cached = await Promise.all(unique.map((key) => settings.cache?.get(key)));
  unique.forEach((key, i) => (cached[i] === undefined ? todo.set(key, firstOf.get(key)!) : byKey.set(key, cached[i]!)));
  if (todo.size > 0) {
    const langs = [...new Set([...todo.values()].map((f) => f.lang))].sort();
    const shiki = await createShiki(settings.themes, langs);
    try {
      for (const [key, fence] of todo) byKey.set(key, shiki.highlight(fence.code.replace(/\n$/, ''), fence.lang, { lines: new Set(fence.lines) }));
    } finally {
      shiki.dispose();
    }
    if (settings.cache) {
      await Promise.all([...todo.keys()].map((key) => settings.cache!.put(key, byKey.get(key)!)));
      await settings.cache.prune();
    }
  }
  return { html: keys.map((key) => byKey.get(key)!), highlighted: todo.size };
}
