import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { visibleText } from '../../../src/diff/visible-text.ts';

describe('visibleText', () => {
  it('gives a line per block, with markup, scripts, styles and the head (but its title) left out', () => {
    const html = '<!DOCTYPE html><html><head><title>A &amp; B</title><style>p { color: red }</style>' +
      '<meta name="x" content="not shown"></head><body><h1>Hello,\n   <em>world</em></h1>' +
      '<p>One <a href="/x">link</a> here.</p><script>var shown = false;</script><ul><li>a</li><li>b</li></ul>' +
      'Tail<br>end</body></html>';
    assert.deepEqual(visibleText(html), ['A & B', 'Hello, world', 'One link here.', 'a', 'b', 'Tail', 'end']);
  });

  it('keeps code blocks line for line, indentation included', () => {
    const html = '<p>Before</p><pre><code>if (x) {\n  <span class="k">return</span>;\n}\n</code></pre><p>After</p>';
    assert.deepEqual(visibleText(html), ['Before', 'if (x) {', '  return;', '}', 'After']);
  });

  it('finds no text in a page whose markup alone differs', () => {
    assert.deepEqual(
      visibleText('<div class="a"><p>Same</p></div>'),
      visibleText('<section><p id="b">Same</p></section>'),
    );
  });
});
