import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTruthy, nameList } from '../../../src/import/post-file.ts';

describe('old front matter', () => {
  it('reads YAML 1.1 truth and lists of names as the old engines did', () => {
    assert.deepEqual(['yes', 'True', 'on', '1', true].map(isTruthy), [true, true, true, true, true]);
    assert.deepEqual(['no', 'false', 'off', '', false, null].map(isTruthy), [false, false, false, false, false, false]);
    assert.deepEqual(nameList('a, b ,, a', /,/), ['a', 'b']);
    assert.deepEqual(nameList('Web Dev', /\s+/), ['Web', 'Dev']);
    assert.deepEqual(nameList('Web Dev'), ['Web Dev']);
    assert.deepEqual(nameList(['x', 2, { no: 1 }], /,/), ['x', '2']);
  });
});
