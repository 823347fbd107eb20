import type { Themes } from '../deps/shiki.ts';
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

export type FenceRequest = { kind: 'plain' } | { kind: 'unknown'; name: string } | { kind: 'code'; fence: Fence };

export interface HighlightRun {
  html: string[]; // one per fence, in order
  highlighted: number; // blocks that went through shiki (cache misses)
}

export interface Highlighters {
  size: number;
  highlight(fences: Fence[], themes: Themes): Promise<string[]>;
}

/** What one thread does with a slice of the sources: Markdown to HTML, fences left as placeholders. */
export interface ChunkJob {
  items: { path: string; body: string }[];
  html: boolean;
  highlight: boolean;
  langs?: readonly string[];
}

export interface ChunkResult {
  html: string[]; // per item, with <pre\0N\0> for this chunk's fence N
  fences: Fence[];
  unknown: [string, string][]; // [language, path] in the order met
}

/** Worker threads for Markdown and highlighting. Results are put back in input order, so the output
 * is the same for any number of workers. */
export interface WorkerPool extends Highlighters {
  renderChunk(job: ChunkJob): Promise<ChunkResult>;
  close(): Promise<void>;
}

export type Task = { kind: 'chunk'; job: ChunkJob } | { kind: 'highlight'; fences: Fence[]; themes: Themes };
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
