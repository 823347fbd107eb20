import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPermalinkPattern } from '../../../src/config/permalink-pattern.ts';

describe('permalink patterns', () => {
  it('rejects unknown tokens and paths that could leave the output folder', () => {
    assert.match(checkPermalinkPattern('/:yeer/')!, /unknown token ":yeer"/);
    assert.match(checkPermalinkPattern('/../x/')!, /"\.\."/);
    assert.match(checkPermalinkPattern('https://evil.example/x')!, /full URL/);
    assert.match(checkPermalinkPattern('//evil.example/x')!, /full URL/);
    assert.equal(checkPermalinkPattern('/blog/:slug/'), undefined);
  });
});
