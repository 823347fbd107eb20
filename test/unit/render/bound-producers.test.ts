import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundProducers, type Maker } from '../../../src/render/bound-producers.ts';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString();
const encode = (s: string) => new TextEncoder().encode(s);

describe('BoundProducers', () => {
  const makers = new Map<string, Maker<string>>([
    ['a.html', (g) => encode(`a with ${g}`)],
    ['b.html', (g) => encode(`b with ${g}`)],
  ]);

  it('gives each refresh its own generation, from makers they share', () => {
    const first = new BoundProducers(makers, 'one');
    const second = new BoundProducers(makers, 'two');
    assert.equal(text(second.get('a.html')!()), 'a with two');
    assert.equal(text(first.get('a.html')!()), 'a with one');
    assert.equal(first.get('c.html'), undefined);
    assert.equal(first.has('c.html'), false);
  });

  it('keeps files set after in the order and count a Map would', () => {
    const files = new BoundProducers(makers, 'g');
    files.set('c.png', () => encode('image')).set('a.html', () => encode('replaced')).set(
      'c.png',
      () => encode('again'),
    );
    const ordered = new Map([...makers.keys()].map((path) => [path, 'made']));
    ordered.set('c.png', 'image').set('a.html', 'replaced').set('c.png', 'again');
    assert.deepEqual([...files.keys()], [...ordered.keys()]);
    assert.equal(files.size, ordered.size);
    assert.deepEqual([...files].map(([path, make]) => `${path}: ${text(make())}`), [
      'a.html: replaced',
      'b.html: b with g',
      'c.png: again',
    ]);
  });
});
