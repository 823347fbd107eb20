import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clip, describeBody, plainText } from '../../../src/render/describe.ts';

describe('describeBody', () => {
  it('takes the first paragraph that has text, as plain text', () => {
    const html = '<h2 id="a">A<a class="header-anchor" href="#a">#</a></h2>\n<p><img src="x.png" alt="x"></p>\n' +
      '<p>One <em>two</em>&nbsp;&amp; three<sup class="footnote-ref"><a href="#fn1">[1]</a></sup>.</p>\n<p>Later.</p>\n';
    assert.equal(describeBody(html), 'One two & three.');
  });

  it('prefers the excerpt, blocks apart by a space', () => {
    assert.equal(
      describeBody('<p>Body.</p>', '<h2>Intro</h2><p>First.</p><ul><li>a</li><li>b</li></ul>'),
      'Intro First. a b',
    );
  });

  it('gives nothing for a body without paragraphs of text', () => {
    assert.equal(describeBody('<pre><code>x</code></pre>\n<p> </p>'), undefined);
  });
});

describe('clip', () => {
  it('keeps text of at most the limit as it is', () => {
    const text = 'a'.repeat(160);
    assert.equal(clip(text), text);
  });

  it('cuts at the last space that leaves room for the ellipsis', () => {
    assert.equal(clip('aaaa bbbb cccc', 12), 'aaaa bbbb…');
    assert.equal(clip('aaaa bbb, cccc', 12), 'aaaa bbb…');
    assert.equal(clip('aaaa bbbbbb cc', 12), 'aaaa bbbbbb…'); // the 12th character is a space: a whole word
  });

  it('cuts text without spaces, and counts characters, not UTF-16 units', () => {
    const japanese = '日本語の文章'.repeat(40);
    assert.equal([...clip(japanese)].length, 160);
    const emoji = `${'😀'.repeat(200)}`;
    assert.equal(clip(emoji), `${'😀'.repeat(159)}…`);
  });
});

describe('plainText', () => {
  it('drops tags, decodes entities and collapses whitespace', () => {
    assert.equal(plainText('<p>x &lt; y\n  &#8212; <code>z</code></p>'), 'x < y — z');
  });
});
