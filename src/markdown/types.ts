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
  markdown: MarkdownSettings;
  highlight: boolean;
  langs?: readonly string[];
  /**
   * The site's markdown-it plugins are functions, which cannot be sent to a thread: a thread loads
   * site.config.ts itself, and checks that it is the configuration the build loaded.
   */
  plugins?: { siteDir: string; fingerprint: string; cache: boolean };
}

/** The Markdown settings of config.markdown that can cross to a thread. */
export interface MarkdownSettings {
  html: boolean;
  anchors: boolean;
  footnotes: boolean;
}

export interface ChunkResult {
  html: string[]; // per item, with <pre\0N\0> for this chunk's fence N ("" for an item that failed)
  fences: Fence[];
  unknown: [string, string][]; // [language, path] in the order met
  failures: PluginProblem[];
}

/** A markdown-it plugin that failed, as it crosses back from a thread. */
export interface PluginProblem {
  path?: string; // the source being rendered; none when the plugin failed to load
  plugin: string; // "markdown.plugins[2] (footnote)", or "the built-in footnotes"
  message: string;
  stack: string[]; // the top frames of what the plugin threw
}

/** Worker threads for Markdown and highlighting. Results are put back in input order, so the output
 * is the same for any number of workers. */
export interface WorkerPool extends Highlighters {
  renderChunk(job: ChunkJob): Promise<ChunkResult>;
  close(): Promise<void>;
}

export type Task = { kind: 'chunk'; job: ChunkJob } | { kind: 'highlight'; fences: Fence[]; themes: Themes };
export type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string; user?: UserErrorData };

/** A ColophonError's fields, as a thread sends them back. */
export interface UserErrorData {
  code: string;
  message: string;
  file?: string;
  line?: number;
  hint?: string;
  frame?: string;
}

/**
 * Each post's and page's body HTML, by source path, read when asked for. `mayShowImages` says whether
 * a body's HTML may have an `<img ` tag without reading it (false only when it certainly has none).
 * `pictured` lists, by path, the sources whose body may show an image or whose front matter names
 * one: the image pass looks at those only, and a dev server's save changes the list by a source or two.
 */
export interface BodyHtml extends ReadonlyMap<string, string> {
  mayShowImages(path: string): boolean;
  pictured(): readonly string[];
}
