import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerptOf } from '../src/render/excerpt.ts';
import { all, buildFails, buildInMemory, config, post, writeSite } from './support/site.ts';

const LONG = 'The opening, with [a link](/about/).\n\n<!-- more -->\n\nThe rest of the story.\n';
const CODE = 'Before.\n\n```html\n<!-- more -->\n```\n\nAfter.\n';

function excerptSite(fields: Record<string, unknown>): string {
  return writeSite({
    'site.config.ts': config({ url: 'https://example.org/blog/', ...fields }),
    'content/posts/long.md': post({ title: 'Long', date: '2020-01-02', categories: 'Stories' }, LONG),
    'content/posts/short.md': post({ title: 'Short', date: '2020-01-01', categories: 'Stories' }, 'All of it.\n'),
    'content/posts/code.md': post({ title: 'Code', date: '2019-12-31' }, CODE),
  });
}

const entryOf = (html: string, title: string) => html.split('<article').find((a) => a.includes(`>${title}</a>`))!;

describe('excerpts', () => {
  it('shows the excerpt and a "Continue reading" link in lists when excerpts are on', async () => {
    const built = await buildInMemory(excerptSite({ excerpts: true }));
    for (const page of ['index.html', 'category/stories/index.html', 'archive/2020/01/index.html']) {
      const long = entryOf(built.read(page), 'Long');
      assert.match(long, /The opening, with <a href="\/blog\/about\/">a link<\/a>/, page);
      assert.doesNotMatch(long, /The rest of the story/, page);
      assert.match(long, /<p class="more"><a href="\/blog\/2020\/01\/02\/long\/">Continue reading »<\/a><\/p>/, page);
    }
    const short = entryOf(built.read('index.html'), 'Short');
    assert.match(short, /All of it\./);
    assert.doesNotMatch(short, /Continue reading/, 'a post without the marker is shown in full');
    assert.match(entryOf(built.read('index.html'), 'Code'), /After\./, 'the marker inside code does not count');
    assert.match(built.read('2020/01/02/long/index.html'), /The rest of the story/, 'the post page is whole');
  });

  it('shows full posts by default', async () => {
    const built = await buildInMemory(excerptSite({}));
    assert.match(entryOf(built.read('index.html'), 'Long'), /The rest of the story/);
    assert.doesNotMatch(built.read('index.html'), /Continue reading/);
  });

  it('keeps full content in feeds and gives the excerpt as the Atom summary', async () => {
    for (const excerpts of [true, false]) {
      const built = await buildInMemory(excerptSite({ excerpts, feeds: ['atom', 'rss', 'json'] }));
      const atom = built.read('feed/atom.xml');
      const entry = atom.split('<entry>')[1]!;
      assert.match(
        entry,
        /<summary type="html"><!\[CDATA\[<p>The opening, with <a href="https:\/\/example.org\/blog\/about\/">a link<\/a>\.<\/p>\n\]\]><\/summary>/,
      );
      assert.match(entry, /<content type="html"><!\[CDATA\[[^]*The rest of the story[^]*\]\]><\/content>/);
      assert.equal(all(atom, /(<summary)/g).length, 1, 'posts without the marker have no summary');
      const rss = built.read('feed/rss.xml').split('<item>')[1]!;
      assert.match(rss, /<description><!\[CDATA\[<p>The opening/);
      assert.match(rss, /<content:encoded><!\[CDATA\[[^]*The rest of the story/);
      const json = JSON.parse(built.read('feed/feed.json'));
      assert.match(json.items[0].content_html, /The rest of the story/);
    }
  });

  it('rejects a non-boolean `excerpts`', async () => {
    const failure = await buildFails(excerptSite({ excerpts: 'yes' }));
    assert.equal(failure.errors[0]!.code, 'E_CONFIG_KEY');
    assert.match(failure.errors[0]!.message, /"excerpts" must be true or false/);
  });
});

describe('excerptOf', () => {
  it('cuts at the first marker on a line of its own, in any spacing and case', () => {
    assert.equal(excerptOf('<p>a</p>\n<!--more-->\n<p>b</p>\n'), '<p>a</p>\n');
    assert.equal(excerptOf('<p>a</p>\n<!--  MORE  -->\n<p>b</p>\n<!-- more -->\n'), '<p>a</p>\n');
    assert.equal(excerptOf('<p>a <!-- more --> b</p>\n'), undefined, 'not inside a paragraph');
    assert.equal(excerptOf('<!-- more -->\n<p>b</p>\n'), undefined, 'nothing before it');
    assert.equal(excerptOf('<pre><code>&lt;!-- more --&gt;\n</code></pre>\n'), undefined);
  });
});
