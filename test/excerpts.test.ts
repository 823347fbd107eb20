import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerptOf } from '../src/render/excerpt.ts';
import { all, buildFails, buildInMemory, config, post, text, writeSite } from './support/site.ts';
import { wellFormedProblems } from './support/well-formed.ts';

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

describe('excerpts never cut an element', () => {
  const bodies: Record<string, string> = {
    list: 'Intro.\n\n- one\n\n  <!-- more -->\n\n  two\n- three\n\nAfter the list.\n',
    quote: '> one\n>\n> <!-- more -->\n>\n> two\n\nAfter the quote.\n',
    // In a cell the marker is part of the row's text; on the line after the rows it ends the table.
    table: '| a | b |\n|---|---|\n| <!-- more --> | 2 |\n| 3 | 4 |\n<!-- more -->\n\nAfter the table.\n',
    fence: 'Before.\n\n```html\n<!-- more -->\n```\n\nAfter the fence.\n',
    note: '<div class="note">\n\nOne.\n\n<!-- more -->\n\nTwo.\n\n</div>\n\nAfter the note.\n',
    nested: '- outer\n\n  > inner\n  >\n  > <!-- more -->\n\n- last\n\nAfter the nest.\n',
  };
  const files: Record<string, string> = { 'site.config.ts': config({ excerpts: true, postsPerPage: 3 }) };
  Object.keys(bodies).forEach((name, i) => {
    const fields = { title: name, date: `2020-01-${String(10 - i).padStart(2, '0')}`, categories: 'All' };
    files[`content/posts/${name}.md`] = post(fields, bodies[name]);
  });

  it('leaves every page well formed, checked by an HTML parser, with the marker anywhere', async () => {
    const built = await buildInMemory(writeSite(files));
    const pages = built.paths.filter((path) => path.endsWith('.html'));
    assert.ok(pages.includes('page/2/index.html') && pages.includes('category/all/page/2/index.html'));
    for (const page of pages) assert.deepEqual(wellFormedProblems(built.read(page)), [], page);
  });

  it('ends the excerpt after the outermost block that holds the marker', async () => {
    const built = await buildInMemory(writeSite(files));
    const lists = built.read('index.html') + built.read('page/2/index.html');
    const shown = (title: string) => text(entryOf(lists, title));
    for (
      const [title, kept, cut] of [
        ['list', /one two three/, 'After the list.'],
        ['quote', /one two/, 'After the quote.'],
        ['table', /a b 2 3 4/, 'After the table.'],
        ['note', /One\. Two\./, 'After the note.'],
        ['nested', /outer inner last/, 'After the nest.'],
      ] as const
    ) {
      assert.match(shown(title).replace(/\s+/g, ' '), kept, title);
      assert.ok(!shown(title).includes(cut), `${title}: ${cut} is after the excerpt`);
      assert.match(shown(title), /Continue reading/, title);
    }
    assert.match(shown('fence'), /After the fence\./, 'a marker in code does not count');
    assert.doesNotMatch(shown('fence'), /Continue reading/);
  });
});

describe('excerptOf', () => {
  it('cuts at the first marker on a line of its own, in any spacing and case', () => {
    assert.equal(excerptOf('<p>a</p>\n<!--more-->\n<p>b</p>\n'), '<p>a</p>\n');
    assert.equal(excerptOf('<p>a</p>\n<!--  MORE  -->\n<p>b</p>\n<!-- more -->\n'), '<p>a</p>\n');
    assert.equal(excerptOf('<p>a <!-- more --> b</p>\n'), undefined, 'not inside a paragraph');
    assert.equal(excerptOf('<!-- more -->\n<p>b</p>\n'), undefined, 'nothing before it');
    assert.equal(excerptOf('<pre><code>&lt;!-- more --&gt;\n</code></pre>\n'), undefined);
    assert.equal(excerptOf('<script>\n<!-- more -->\n</script>\n<p>b</p>\n'), undefined, 'script text');
    assert.equal(excerptOf('<!-- a\n<!-- more -->\n<p>a</p>\n<!-- more -->\n'), '<!-- a\n<!-- more -->\n<p>a</p>\n');
  });

  it('ends after the outermost element holding a nested marker, closed by a tag or not', () => {
    const list = '<ul>\n<li>\n<p>a</p>\n<!-- more -->\n<p>b</p>\n</li>\n</ul>\n';
    assert.equal(excerptOf(`${list}<p>c</p>\n`), list);
    assert.equal(excerptOf('<div><p>a\n<!-- more -->\nb</div>\n<p>c</p>\n'), '<div><p>a\n<!-- more -->\nb</div>\n');
    assert.equal(excerptOf('<p>a\n<!-- more -->\nb\n<ul><li>c</li></ul>\n'), '<p>a\n<!-- more -->\nb\n');
  });
});
