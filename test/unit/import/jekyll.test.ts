import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertJekyllPost } from '../../../src/import/jekyll-post.ts';
import { isSkipped } from '../../../src/import/types.ts';
import { createZone } from '../../../src/lib/zone.ts';

describe('Jekyll posts', () => {
  it("gives Jekyll posts their date from the front matter, read in the old blog's timezone", () => {
    const la = createZone('America/Los_Angeles');
    const post = convertJekyllPost(
      '_posts/2015-03-01-late.md',
      '---\ntitle: Late\ndate: 2015-03-02 04:30:00 +0000\n---\nx\n',
      la,
    );
    assert.ok(!isSkipped(post));
    assert.equal(post.oldUrl, '/2015/03/01/late.html');
    assert.deepEqual(post.wall, { year: 2015, month: 3, day: 1, hour: 20, minute: 30, second: 0 });
    assert.equal(post.data.date, '2015-03-02 04:30:00 +0000', 'kept as written');
    const bad = convertJekyllPost('_posts/2015-03-01-bad.md', '---\ntitle: Bad\ndate: tomorrow\n---\n', la);
    assert.ok(isSkipped(bad) && /"date" "tomorrow" is not a date/.test(bad.reason));
  });
});
