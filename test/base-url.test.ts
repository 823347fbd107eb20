import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { all, config, post, runCli as run, writeSite } from './support/site.ts';

function site(): string {
  return writeSite({
    'site.config.ts': config({ title: 'Moved', url: 'https://blog.example.com/' }),
    'content/posts/a.md': post(
      { title: 'A', date: '2020-01-01', categories: 'One' },
      'See [the about page](/about/).\n',
    ),
    'content/about.md': post({ title: 'About' }),
  });
}

describe('--base-url', () => {
  it('replaces the configured url for one build: every link goes under the new path', async () => {
    const dir = site();
    const result = await run(['build', dir, '--base-url', 'https://example.org/sub/']);
    assert.equal(result.code, 0, result.err);
    const index = readFileSync(join(dir, 'dist/index.html'), 'utf8');
    const hrefs = all(index, /href="([^"]*)"/g);
    assert.ok(hrefs.includes('/sub/2020/01/01/a/'), hrefs.join(' '));
    assert.ok(hrefs.includes('/sub/category/one/'));
    assert.ok(hrefs.includes('/sub/about/'), 'a root-relative link in a post is moved under the base path');
    assert.ok(hrefs.includes('https://example.org/sub/'), 'the canonical link is absolute under the new URL');
    assert.deepEqual(hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/sub/')), []);
    assert.doesNotMatch(index, /blog\.example\.com/);
    const feed = readFileSync(join(dir, 'dist/feed/atom.xml'), 'utf8');
    assert.match(feed, /<id>https:\/\/example\.org\/sub\/2020\/01\/01\/a\/<\/id>/);
    // Output files stay where they are: deploy the folder to /sub/.
    assert.ok(readFileSync(join(dir, 'dist/2020/01/01/a/index.html')));
  });

  it('takes a URL without the final slash, and a later build without the flag goes back to the configured url', async () => {
    const dir = site();
    assert.equal((await run(['build', '--base-url', 'https://example.org/sub', dir])).code, 0);
    assert.match(readFileSync(join(dir, 'dist/index.html'), 'utf8'), /href="\/sub\/2020\/01\/01\/a\/"/);
    assert.equal((await run(['build', dir])).code, 0);
    const index = readFileSync(join(dir, 'dist/index.html'), 'utf8');
    assert.match(index, /href="\/2020\/01\/01\/a\/"/);
    assert.match(index, /https:\/\/blog\.example\.com\//);
  });

  it('goes through the url checks, and the error names --base-url', async () => {
    const dir = site();
    for (
      const [value, reason] of [
        ['example.org/sub/', /is not an absolute URL/],
        ['ftp://example.org/', /must be an http or https URL/],
        ['https://example.org/?x=1', /must not have a query or fragment/],
      ] as const
    ) {
      const result = await run(['build', dir, '--base-url', value]);
      assert.equal(result.code, 1);
      assert.match(result.err, /error\[E_CONFIG_KEY\]: --base-url /);
      assert.match(result.err, reason);
      assert.doesNotMatch(result.err, /site\.config\.ts/, 'the problem is on the command line, not in the file');
    }
  });

  it('lets verify rebuild what a build with the same --base-url wrote', async () => {
    const dir = site();
    assert.equal((await run(['build', dir, '--base-url', 'https://example.org/sub/'])).code, 0);
    const same = await run(['verify', dir, join(dir, 'dist'), '--base-url', 'https://example.org/sub/']);
    assert.equal(same.code, 0, same.out);
    const plain = await run(['verify', dir, join(dir, 'dist')]);
    assert.equal(plain.code, 1, 'without the flag the rebuilt links differ');
    assert.match(plain.out, /different\s+index\.html/);
  });
});
