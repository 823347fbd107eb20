import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fencedBlock } from '../../../src/import/fence.ts';

describe('fenced blocks', () => {
  it('make the fence longer than any fence inside the code', () => {
    assert.equal(fencedBlock('md', '```js\nx\n```\n'), '````md\n```js\nx\n```\n````');
    assert.equal(fencedBlock(undefined, ''), '```\n```');
  });
});
