import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertHighlights, findLiquid } from '../../../src/import/liquid.ts';

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
    assert.deepEqual(findLiquid(result.body), ['{% raw %}', '{{ x }}', '{% endraw %}']);
    assert.equal(
      convertHighlights('Run {% highlight sh %}ls{% endhighlight %} now.').body,
      'Run\n\n```sh\nls\n```\n\nnow.',
    );
  });
});
