import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neighbours, pagePath, paginate } from '../../../src/model/paginate.ts';

describe('pagination', () => {
  it('always has a first page and splits at perPage', () => {
    assert.deepEqual(paginate([], 5).map((p) => p.items), [[]]);
    assert.deepEqual(paginate([1, 2, 3], 3).map((p) => p.items), [[1, 2, 3]]);
    assert.deepEqual(paginate([1, 2, 3, 4], 3).map((p) => [p.number, p.count, p.items]), [[1, 2, [1, 2, 3]], [2, 2, [
      4,
    ]]]);
  });

  it('names page paths and neighbours plainly', () => {
    assert.equal(pagePath('/', '/page/:num/', 1), '/');
    assert.equal(pagePath('/category/x/', '/category/x/page/:num/', 3), '/category/x/page/3/');
    assert.equal(pagePath('/blog/', '/blog/page/:num', 2), '/blog/page/2/');
    assert.deepEqual(neighbours(['new', 'mid', 'old'], 1), { newer: 'new', older: 'old' });
    assert.deepEqual(neighbours(['new', 'old'], 0), { newer: undefined, older: 'old' });
  });
});
