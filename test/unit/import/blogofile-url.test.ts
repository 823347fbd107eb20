import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blogofilePermalinkPath, blogofileSlug } from '../../../src/import/blogofile-url.ts';

describe('Blogofile URLs', () => {
  it('make slugs from titles as Blogofile did: no squeezing, a few marks kept, accents dropped', () => {
    assert.equal(blogofileSlug("What's new, Blogofile?"), "what's-new,-blogofile-");
    assert.equal(blogofileSlug('Café  &amp; Crème'), 'cafe----creme');
  });

  it("take the path of a permalink, under the site's base path, always as a folder", () => {
    assert.equal(blogofilePermalinkPath('http://www.example.com/2009/08/22/post?x=1#top', '/'), '/2009/08/22/post/');
    assert.equal(blogofilePermalinkPath('/blog/2009/x/', '/blog/'), '/2009/x/');
    assert.equal(
      blogofilePermalinkPath('https://example.com/ünï/', '/'),
      '/ünï/',
      'not percent-encoded: it names a folder',
    );
  });
});
