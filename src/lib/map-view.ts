/**
 * A read-only map whose values are worked out when asked for: subclasses say which keys there are
 * and what each one's value is, and every other method of ReadonlyMap follows from those two.
 */
export abstract class MapView<K, V> implements ReadonlyMap<K, V> {
  abstract get(key: K): V | undefined;
  abstract has(key: K): boolean;
  abstract keys(): MapIterator<K>;
  abstract get size(): number;
  *entries(): MapIterator<[K, V]> {
    for (const key of this.keys()) yield [key, this.get(key)!];
  }
  *values(): MapIterator<V> {
    for (const key of this.keys()) yield this.get(key)!;
  }
  forEach(each: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) each(value, key, this);
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
