import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandPermalink, outputPathFor } from '../../../src/model/permalink.ts';

describe('permalinks', () => {
  const wall = { year: 2014, month: 3, day: 9, hour: 7, minute: 5, second: 0 };
  it('expands tokens with zero padding and normalises slashes', () => {
    assert.equal(expandPermalink('/:year/:month/:day/:slug/', { wall, slug: 'x', category: 'c' }), '/2014/03/09/x/');
    assert.equal(expandPermalink(':category/:slug', { wall, slug: 'x', category: 'c' }), '/c/x/');
    assert.equal(
      expandPermalink('/:year/:hour:minute-:slug.html', { wall, slug: 'x', category: 'c' }),
      '/2014/0705-x.html',
    );
  });

  it('maps URL paths to output files', () => {
    assert.equal(outputPathFor('/'), 'index.html');
    assert.equal(outputPathFor('/a/b/'), 'a/b/index.html');
    assert.equal(outputPathFor('/feed/atom.xml'), 'feed/atom.xml');
  });
});
