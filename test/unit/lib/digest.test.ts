import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { siteDigest } from '../../../src/lib/digest.ts';

describe('siteDigest', () => {
  it('hashes sha256sum-style lines sorted by UTF-8 bytes, not by code units', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const a = siteDigest(new Map([['b', enc('1')], ['a', enc('2')]]));
    const b = siteDigest(new Map([['a', enc('2')], ['b', enc('1')]]));
    assert.equal(a, b);
    assert.notEqual(a, siteDigest(new Map([['a', enc('2')], ['b', enc('1 ')]])));
    // In UTF-16 code units U+1F600 (a surrogate pair, 0xD83D...) sorts before U+FF5E; in UTF-8 bytes it sorts after.
    const mixed = siteDigest(new Map([['\u{1F600}', enc('x')], ['\uFF5E', enc('y')], ['z', enc('z')]]));
    const h = (s: string) => createHash('sha256').update(s).digest('hex');
    const lines = `${h('z')}  z\n${h('y')}  \uFF5E\n${h('x')}  \u{1F600}\n`;
    assert.equal(mixed, `sha256:${h(lines)}`);
  });
});
