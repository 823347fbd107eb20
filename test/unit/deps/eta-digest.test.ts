import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTemplates } from '../../../src/deps/eta.ts';

const theme = (texts: Record<string, string>) =>
  createTemplates(Object.entries(texts).map(([name, text]) => ({ name, file: `layouts/${name}.eta`, text })));

describe("a template's digest", () => {
  const base = {
    base: '<html><%~ it.body %></html>',
    post: "<% layout('@base') %><%~ include('@_entry', it) %>",
    list: "<% layout('@base') %><%~ include(\"@_entry\", it) %><%~ include('@_pager', it) %>",
    _entry: '<h1><%= it.title %></h1>',
    _pager: '<nav></nav>',
    archive: '<ul></ul>',
  };

  it('changes with the templates it reaches, through layouts and includes, and no others', () => {
    const before = theme(base);
    const pager = theme({ ...base, _pager: '<nav>changed</nav>' });
    assert.equal(pager.digestOf('post'), before.digestOf('post'));
    assert.notEqual(pager.digestOf('list'), before.digestOf('list'));
    const entry = theme({ ...base, _entry: '<h2><%= it.title %></h2>' });
    assert.notEqual(entry.digestOf('post'), before.digestOf('post'));
    assert.notEqual(entry.digestOf('list'), before.digestOf('list'));
    assert.equal(entry.digestOf('archive'), before.digestOf('archive'));
    const layout = theme({ ...base, base: '<html lang="en"><%~ it.body %></html>' });
    assert.equal(layout.digestOf('archive'), before.digestOf('archive'), 'archive.eta has no layout here');
    assert.notEqual(layout.digestOf('post'), before.digestOf('post'));
  });

  it('changes when a template it names but that is missing appears', () => {
    const { _pager: _, ...without } = base;
    assert.notEqual(theme(without).digestOf('list'), theme(base).digestOf('list'));
    assert.equal(theme(without).digestOf('post'), theme(base).digestOf('post'));
  });

  it("is the whole theme's when a template names another in a way that cannot be read", () => {
    const dynamic = theme({ ...base, post: "<% layout('@base') %><%~ include('@' + it.which, it) %>" });
    assert.equal(dynamic.digestOf('post'), dynamic.digest);
    const reached = theme({ ...base, list: "<%~ include('@post', it) %>", post: '<%~ include(it.name) %>' });
    assert.equal(reached.digestOf('list'), reached.digest);
    assert.notEqual(reached.digestOf('archive'), reached.digest);
  });
});
