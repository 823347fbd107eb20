import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertBlogofileCode } from '../../src/import/blogofile-code.ts';
import { blogofilePermalinkPath, blogofileSlug } from '../../src/import/blogofile-url.ts';
import { permalinkForFile } from '../../src/import/colophon-url.ts';
import { fencedBlock } from '../../src/import/fence.ts';
import { convertJekyllPost } from '../../src/import/jekyll.ts';
import { jekyllPattern, jekyllSlugify, jekyllUrl, type JekyllPostFacts } from '../../src/import/jekyll-url.ts';
import { convertHighlights, findLiquid } from '../../src/import/liquid.ts';
import { isTruthy, nameList } from '../../src/import/post-file.ts';
import { isSkipped } from '../../src/import/types.ts';
import { createZone } from '../../src/lib/zone.ts';

const wall = { year: 2014, month: 3, day: 9, hour: 7, minute: 5, second: 0 };
const facts = (more: Partial<JekyllPostFacts> = {}): JekyllPostFacts => ({
  wall, basename: '2014-03-09-Hello-World', fileSlug: 'Hello-World', categories: [], ...more,
});

describe('Jekyll URLs', () => {
  it('follow the date style by default: categories lower-cased and joined, the title as in the file name', () => {
    assert.deepEqual(jekyllUrl(jekyllPattern('date'), facts({ categories: ['Web', 'Docker', 'web'] })), {
      url: '/web/docker/2014/03/09/Hello-World.html',
      file: 'web/docker/2014/03/09/Hello-World.html',
    });
    assert.deepEqual(jekyllUrl(jekyllPattern('date'), facts()), { url: '/2014/03/09/Hello-World.html', file: '2014/03/09/Hello-World.html' });
  });

  it('know the built-in styles and the other placeholders', () => {
    assert.equal((jekyllUrl(jekyllPattern('pretty'), facts()) as { file: string }).file, '2014/03/09/Hello-World/index.html');
    assert.equal((jekyllUrl(jekyllPattern('ordinal'), facts()) as { url: string }).url, '/2014/068/Hello-World.html');
    assert.equal((jekyllUrl(jekyllPattern('none'), facts({ categories: ['A'] })) as { url: string }).url, '/a/Hello-World.html');
    const custom = jekyllUrl(jekyllPattern(':short_year/:i_month/:i_day/:hour:minute/:slug/:name'), facts());
    assert.deepEqual(custom, { url: '/14/3/9/0705/hello-world/2014-03-09-hello-world', file: '14/3/9/0705/hello-world/2014-03-09-hello-world.html' });
    assert.equal((jekyllUrl('/:year_:title/', facts()) as { url: string }).url, '/2014_Hello-World/');
  });

  it('take the slug from the front matter, slugified as Jekyll does', () => {
    assert.equal((jekyllUrl('/:title/', facts({ slug: 'Ça va? Yes!' })) as { url: string }).url, '/Ça-va-Yes!/');
    assert.equal(jekyllSlugify('Ça va? Yes!', 'default'), 'ça-va-yes');
  });

  it('name a placeholder the importer does not know instead of guessing', () => {
    assert.deepEqual(jekyllUrl('/:year/:week/:title/', facts()), { unknown: ':week' });
  });
});

describe('Blogofile URLs', () => {
  it('make slugs from titles as Blogofile did: no squeezing, a few marks kept, accents dropped', () => {
    assert.equal(blogofileSlug("What's new, Blogofile?"), "what's-new,-blogofile-");
    assert.equal(blogofileSlug('Café  &amp; Crème'), 'cafe----creme');
  });

  it('take the path of a permalink, under the site\'s base path, always as a folder', () => {
    assert.equal(blogofilePermalinkPath('http://www.example.com/2009/08/22/post?x=1#top', '/'), '/2009/08/22/post/');
    assert.equal(blogofilePermalinkPath('/blog/2009/x/', '/blog/'), '/2009/x/');
    assert.equal(blogofilePermalinkPath('https://example.com/ünï/', '/'), '/ünï/', 'not percent-encoded: it names a folder');
  });
});

describe('code blocks', () => {
  it('rewrite $$code blocks as fences, keeping the language and reporting other options', () => {
    const body = 'Text\n\n  $$code(lang=python, linenums=True)\n  x = 1\n  $$/code\n\n$$code\nplain\n$$/code\n$$code(lang=js)\nnever closed\n';
    const result = convertBlogofileCode(body);
    assert.equal(result.body, 'Text\n\n  ```python\n  x = 1\n  ```\n\n```\nplain\n```\n$$code(lang=js)\nnever closed\n');
    assert.equal(result.blocks, 2);
    assert.deepEqual(result.dropped, ['linenums=True']);
    assert.equal(result.unclosed, 1);
    assert.equal(convertBlogofileCode('$$code(language="ruby")\nputs 1 $$/code\n').body, '```ruby\nputs 1\n```\n');
  });

  it('rewrite {% highlight %} blocks as fences, dropping linenos, and leave other Liquid alone', () => {
    const body = 'Intro\n\n{% highlight ruby linenos %}\ndef x\nend\n{%- endhighlight -%}\n\n- item\n  {% highlight js %}\n  a()\n  {% endhighlight %}\n{% raw %}{{ x }}{% endraw %}\n';
    const result = convertHighlights(body);
    assert.equal(result.body, 'Intro\n\n```ruby\ndef x\nend\n```\n\n- item\n  ```js\n  a()\n  ```\n{% raw %}{{ x }}{% endraw %}\n');
    assert.equal(result.blocks, 2);
    assert.deepEqual(result.dropped, ['linenos']);
    assert.deepEqual(findLiquid(result.body), ['{% raw %}', '{{ x }}', '{% endraw %}']);
    assert.equal(convertHighlights('Run {% highlight sh %}ls{% endhighlight %} now.').body, 'Run\n\n```sh\nls\n```\n\nnow.');
  });

  it('make the fence longer than any fence inside the code', () => {
    assert.equal(fencedBlock('md', '```js\nx\n```\n'), '````md\n```js\nx\n```\n````');
    assert.equal(fencedBlock(undefined, ''), '```\n```');
  });
});

describe('front matter', () => {
  it('reads YAML 1.1 truth and lists of names as the old engines did', () => {
    assert.deepEqual(['yes', 'True', 'on', '1', true].map(isTruthy), [true, true, true, true, true]);
    assert.deepEqual(['no', 'false', 'off', '', false, null].map(isTruthy), [false, false, false, false, false, false]);
    assert.deepEqual(nameList('a, b ,, a', /,/), ['a', 'b']);
    assert.deepEqual(nameList('Web Dev', /\s+/), ['Web', 'Dev']);
    assert.deepEqual(nameList('Web Dev'), ['Web Dev']);
    assert.deepEqual(nameList(['x', 2, { no: 1 }], /,/), ['x', '2']);
  });

  it('gives Jekyll posts their date from the front matter, read in the old blog\'s timezone', () => {
    const la = createZone('America/Los_Angeles');
    const post = convertJekyllPost('_posts/2015-03-01-late.md', '---\ntitle: Late\ndate: 2015-03-02 04:30:00 +0000\n---\nx\n', la);
    assert.ok(!isSkipped(post));
    assert.equal(post.oldUrl, '/2015/03/01/late.html');
    assert.deepEqual(post.wall, { year: 2015, month: 3, day: 1, hour: 20, minute: 30, second: 0 });
    assert.equal(post.data.date, '2015-03-02 04:30:00 +0000', 'kept as written');
    const bad = convertJekyllPost('_posts/2015-03-01-bad.md', '---\ntitle: Bad\ndate: tomorrow\n---\n', la);
    assert.ok(isSkipped(bad) && /"date" "tomorrow" is not a date/.test(bad.reason));
  });
});

describe('permalinks for old files', () => {
  it('name a folder for index.html and the file otherwise', () => {
    assert.equal(permalinkForFile('2014/10/13/x/index.html'), '/2014/10/13/x/');
    assert.equal(permalinkForFile('web/x.html'), '/web/x.html');
  });
});
