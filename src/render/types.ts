import type { ColophonError } from '../lib/errors.ts';

/** Where a producer may put a file's bytes: `size` bytes, every one of which it then writes. */
export type Allocator = (size: number) => Uint8Array;

/**
 * Makes one output file's bytes when called. Pages are rendered as they are written, so a build
 * never holds every page's bytes at once; a template error surfaces as a ColophonError from the
 * call. Given an allocator, a producer may write its bytes there (the output writer's batch) instead
 * of a buffer of its own; what it returns is the file either way.
 */
export type Producer = (into?: Allocator) => Uint8Array;

/**
 * Output path ▶ producer: the whole site, nothing rendered yet. What output/, verify and serve run.
 * A Map is one; renderSite's are made when asked for (see BoundProducers).
 */
export interface Producers extends ReadonlyMap<string, Producer> {
  set(path: string, producer: Producer): this;
}

/** Output path ▶ bytes: every producer run (see materialize). */
export type OutputBytes = Map<string, Uint8Array>;

/** What renderSite returns: a producer per output file, and the errors found before rendering any. */
export interface RenderedSite {
  files: Producers;
  errors: ColophonError[]; // unknown layouts
}
