import { MapView } from '../lib/map-view.ts';
import type { Allocator, Producer, Producers } from './types.ts';

/** Makes one output file's bytes with what a refresh made (its bodies, their views): see renderSite. */
export type Maker<G> = (generation: G, into?: Allocator) => Uint8Array;

/**
 * The producers of one refresh: each maker given that refresh's generation, and the files added
 * to them after (processed images, the search index), in the order a Map would keep them. The
 * makers are shared with the other refreshes of the same model; nothing is made per file until
 * the file is asked for.
 */
export class BoundProducers<G> extends MapView<string, Producer> implements Producers {
  private readonly added = new Map<string, Producer>();
  private extra = 0; // added files that have no maker

  constructor(private readonly makers: ReadonlyMap<string, Maker<G>>, private readonly generation: G) {
    super();
  }
  get size(): number {
    return this.makers.size + this.extra;
  }
  get(path: string): Producer | undefined {
    const added = this.added.get(path);
    if (added) return added;
    const make = this.makers.get(path);
    return make && ((into) => make(this.generation, into));
  }
  has(path: string): boolean {
    return this.makers.has(path) || this.added.has(path);
  }
  *keys(): MapIterator<string> {
    yield* this.makers.keys();
    for (const path of this.added.keys()) if (!this.makers.has(path)) yield path;
  }
  set(path: string, producer: Producer): this {
    if (!this.has(path)) this.extra++;
    this.added.set(path, producer);
    return this;
  }
}
