import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertHighlights } from '../../../src/import/liquid.ts';
import { convertLiquid, type LiquidContext } from '../../../src/import/liquid-values.ts';

describe('Liquid highlight blocks', () => {
  it('rewrite {% highlight %} blocks as fences, dropping linenos, and leave other Liquid alone', () => {
    const body =
      'Intro\n\n{% highlight ruby linenos %}\ndef x\nend\n{%- endhighlight -%}\n\n- item\n  {% highlight js %}\n  a()\n  {% endhighlight %}\n{% raw %}{{ x }}{% endraw %}\n';
    const result = convertHighlights(body);
    assert.equal(
      result.body,
      'Intro\n\n```ruby\ndef x\nend\n```\n\n- item\n  ```js\n  a()\n  ```\n{% raw %}{{ x }}{% endraw %}\n',
    );
    assert.equal(result.blocks, 2);
    assert.deepEqual(result.dropped, ['linenos']);
    assert.equal(
      convertHighlights('Run {% highlight sh %}ls{% endhighlight %} now.').body,
      'Run\n\n```sh\nls\n```\n\nnow.',
    );
  });
});

const context: LiquidContext = {
  page: { title: 'Cone packs', tags: ['a', 'b'] },
  site: { title: 'Kettle & Kiln', author: { name: 'Mara' } },
  url: 'https://kiln.example.com',
  baseurl: '/blog',
  postUrls: new Map([['2016-01-10-first-firing', '/kilns/2016/01/10/first-firing.html']]),
};

describe('Liquid values', () => {
  it('fills in page and site values, leaving the base path to Colophon', () => {
    const body = '# {{ page.title }}\n\n{{ site.author.name | upcase }} on [{{site.title}}]({{ site.baseurl }}/x/), ' +
      '![c]({{ site.url }}{{ site.baseurl }}/c.png) {{ "/img/a.png" | relative_url }} {{ page.tags }}\n';
    const result = convertLiquid(body, context, 4);
    assert.equal(
      result.body,
      '# Cone packs\n\nMARA on [Kettle & Kiln](/x/), ![c](https://kiln.example.com/blog/c.png) /img/a.png a, b\n',
    );
    assert.deepEqual(result.left, []);
  });

  it('links {% post_url %}, unwraps {% raw %} untouched, and comments out the rest with its line', () => {
    const body = 'See [it]({% post_url 2016-01-10-first-firing %}).\n\n{% raw %}{{ page.title }}{% endraw %}\n\n' +
      'One\n{% include figure.html %}\n{{ page.missing }} {{ site.title | truncate: 3 }}\n';
    const result = convertLiquid(body, context, 5);
    assert.equal(
      result.body,
      'See [it](/kilns/2016/01/10/first-firing.html).\n\n{{ page.title }}\n\nOne\n<!-- {% include figure.html %} -->\n' +
        '<!-- {{ page.missing }} --> <!-- {{ site.title | truncate: 3 }} -->\n',
    );
    assert.deepEqual(result.left.map((l) => l.line), [10, 11, 11]);
    assert.ok(result.changes.includes('1 {% raw %} block unwrapped'));
    assert.ok(result.changes.includes(
      'Liquid at line 10 left in an HTML comment, convert it by hand: {% include figure.html %}',
    ));
  });
});
