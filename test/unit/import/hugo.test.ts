import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHugoFront } from '../../../src/import/hugo-front.ts';
import { hugoAlias, hugoUrl, hugoUrlize } from '../../../src/import/hugo-url.ts';
import { convertShortcodes } from '../../../src/import/shortcodes.ts';

const wall = { year: 2019, month: 2, day: 7, hour: 18, minute: 0, second: 0 };
const page = { wall, section: 'post', folders: '', filename: 'Soldering-Iron', title: 'Choosing an Iron!' };

describe('Hugo front matter', () => {
  it('reads YAML, TOML and JSON, keeping dates as written', () => {
    const toml = parseHugoFront('+++\ntitle = "T"\ndate = 2019-02-17T18:00:00\ntags = ["a"]\n+++\nBody\n');
    assert.ok(!('problem' in toml));
    assert.deepEqual(toml.data, { title: 'T', date: '2019-02-17T18:00:00', tags: ['a'] });
    assert.equal(toml.body, 'Body\n');
    assert.equal(toml.bodyLine, 6);
    const json = parseHugoFront('{\n  "title": "J {x}",\n  "date": "2019-05-02"\n}\n\nText\n');
    assert.ok(!('problem' in json));
    assert.deepEqual(json.data, { title: 'J {x}', date: '2019-05-02' });
    assert.equal(json.body, '\nText\n');
    const yaml = parseHugoFront('---\ntitle: Y\ndate: 2019-01-06T10:30:00+01:00\n---\nHi\n');
    assert.ok(!('problem' in yaml) && yaml.data.date === '2019-01-06T10:30:00+01:00');
    const broken = parseHugoFront('+++\ntitle = \n+++\n');
    assert.ok('problem' in broken && /cannot be read/.test(broken.problem));
    assert.ok('problem' in parseHugoFront('no front matter'));
  });
});

describe('Hugo URLs', () => {
  it("follow the section's default, [permalinks] patterns, slug and uglyURLs, lower-cased as Hugo does", () => {
    assert.deepEqual(hugoUrl(page, undefined, false), { url: '/post/soldering-iron/' });
    assert.deepEqual(hugoUrl({ ...page, slug: 'iron' }, '/:year/:month/:slug/', false), { url: '/2019/02/iron/' });
    assert.deepEqual(hugoUrl(page, '/:section/:title', false), { url: '/post/choosing-an-iron/' });
    assert.deepEqual(hugoUrl({ ...page, folders: '2019/' }, undefined, true), {
      url: '/post/2019/soldering-iron.html',
    });
    assert.deepEqual(hugoUrl(page, '/:weekdayname/:slug/', false), { unknown: ':weekdayname' });
    assert.equal(hugoUrlize('C++ Tips & Tricks'), 'c++-tips--tricks');
  });

  it('resolve relative aliases against the folder of the page, and make folders of extension-less ones', () => {
    assert.equal(hugoAlias('/2019/02/soldering', '/post/soldering-iron/'), '/2019/02/soldering/');
    assert.equal(hugoAlias('renamed-once', '/post/old-name/'), '/post/renamed-once/');
    assert.equal(hugoAlias('old.html', '/post/a.html'), '/post/old.html');
  });
});

describe('Hugo shortcodes', () => {
  const refs = (name: string) => (name === 'first-light.md' ? '/post/first-light/' : undefined);

  it('become fences, figures, links and players; unknown ones are hidden in a comment and reported by line', () => {
    const body = [
      '{{< highlight go "linenos=table" >}}',
      'fmt.Println("hi")',
      '{{< /highlight >}}',
      '[first]({{< ref "first-light.md#setup" >}}) and [missing]({{< relref "nowhere" >}})',
      '{{< figure src="a.jpg" caption="A & B" link="/big.jpg" >}}',
      '{{< tweet user="someone" id="123" >}} {{< vimeo 42 >}}',
      '{{% notice tip %}}Careful{{% /notice %}}',
    ].join('\n');
    const result = convertShortcodes(body, refs, 7);
    assert.equal(
      result.body,
      [
        '```go',
        'fmt.Println("hi")',
        '```',
        '[first](/post/first-light/#setup) and [missing](<!-- {{< relref "nowhere" >}} -->)',
        '<figure><a href="/big.jpg"><img src="a.jpg" alt="A &amp; B"></a><figcaption>A &amp; B</figcaption></figure>',
        '[Post by @someone on X (Twitter)](https://twitter.com/someone/status/123) ' +
        '<iframe src="https://player.vimeo.com/video/42" title="Vimeo video" width="560" height="315" allowfullscreen ' +
        'loading="lazy"></iframe>',
        '<!-- {{% notice tip %}} -->Careful<!-- {{% /notice %}} -->',
      ].join('\n'),
    );
    assert.deepEqual(result.changes, [
      'shortcodes converted: 1 highlight, 1 ref, 1 figure, 1 tweet, 1 vimeo',
      'highlight options dropped: "linenos=table"',
      'Hugo shortcode at line 10 left in an HTML comment, convert it by hand: {{< relref "nowhere" >}}',
      'Hugo shortcode at line 13 left in an HTML comment, convert it by hand: {{% notice tip %}}',
      'Hugo shortcode at line 13 left in an HTML comment, convert it by hand: {{% /notice %}}',
    ]);
  });

  it('show an escaped shortcode as Hugo did, untouched by the conversion', () => {
    const result = convertShortcodes('Write `{{</* figure src="a.jpg" */>}}` or `{{%/* notice */%}}`.\n', refs, 1);
    assert.equal(result.body, 'Write `{{< figure src="a.jpg" >}}` or `{{% notice %}}`.\n');
    assert.deepEqual(result.changes, []);
  });
});
