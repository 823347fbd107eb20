import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { absoluteFrom, rewriteUrls, scopeIds } from '../../../src/lib/html.ts';

describe('scopeIds', () => {
  it('prefixes ids and the same-page links to them, and sends other fragments to the post page', () => {
    const html = '<h2 id="intro">Intro <a class="header-anchor" href="#intro">#</a></h2>\n' +
      '<p>See<sup><a href="#fn1" id="fnref1">[1]</a></sup> and <a href="#gone">a cut-off note</a>, ' +
      '<a href="/elsewhere/#x">another page</a> and <a href="#">the top</a>.</p>\n' +
      '<li id="fn1"><a href="#fnref1">back</a></li>';
    assert.equal(
      scopeIds(html, 'post--', '/2024/01/01/post/'),
      '<h2 id="post--intro">Intro <a class="header-anchor" href="#post--intro">#</a></h2>\n' +
        '<p>See<sup><a href="#post--fn1" id="post--fnref1">[1]</a></sup> and ' +
        '<a href="/2024/01/01/post/#gone">a cut-off note</a>, <a href="/elsewhere/#x">another page</a> and ' +
        '<a href="#">the top</a>.</p>\n<li id="post--fn1"><a href="#post--fnref1">back</a></li>',
    );
  });

  it('leaves text, escaped code and look-alike attributes alone', () => {
    const html = '<p>id="x" and href="#x" as text</p><pre><code>&lt;a id="y"&gt;</code></pre>' +
      '<div data-id="z" width="3"></div>';
    assert.equal(scopeIds(html, 'p--', '/p/'), html);
  });

  it('matches a percent-encoded link to a non-ASCII id', () => {
    const html = '<h2 id="über">Über</h2><a href="#%C3%BCber">up</a>';
    assert.equal(scopeIds(html, 'p--', '/p/'), '<h2 id="p--über">Über</h2><a href="#p--%C3%BCber">up</a>');
  });
});

describe('absoluteFrom', () => {
  it('makes fragment links absolute exactly as new URL does', () => {
    const base = 'https://blog.example/2024/01/01/a/';
    const absolute = absoluteFrom(base);
    for (const url of ['#fn1', '#fnref1:2', '#über-uns', '#a b', '#c--rust', "#it's", '#x?y/z', '#%C3%BC', '#a<b']) {
      assert.equal(absolute(url), new URL(url, base).href, url);
    }
  });

  it('leaves same-page links out of a rewrite that resolves against a page', () => {
    const seen: string[] = [];
    rewriteUrls('<a href="#x">x</a><a href="y/">y</a>', (url) => (seen.push(url), url), { fragments: false });
    assert.deepEqual(seen, ['y/']);
  });
});

describe('rewriteUrls on srcset', () => {
  it('rewrites each candidate URL and keeps its width', () => {
    const html = '<img src="/a-640w.png" srcset="/a-640w.png 640w, /a-1280w.png 1280w" sizes="100vw">';
    assert.equal(
      rewriteUrls(html, absoluteFrom('https://example.org/blog/p/')),
      '<img src="https://example.org/a-640w.png" srcset="https://example.org/a-640w.png 640w, ' +
        'https://example.org/a-1280w.png 1280w" sizes="100vw">',
    );
  });
});
