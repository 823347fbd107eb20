import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { permalinkForFile } from '../../../src/import/colophon-url.ts';

describe('permalinks for old files', () => {
  it('name a folder for index.html and the file otherwise', () => {
    assert.equal(permalinkForFile('2014/10/13/x/index.html'), '/2014/10/13/x/');
    assert.equal(permalinkForFile('web/x.html'), '/web/x.html');
  });
});
