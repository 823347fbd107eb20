import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildFails, cli, config, post, runCli, writeSite } from './support/site.ts';

/** A file or folder name is at most 255 bytes, a path at most 4,096: found when the sources are read. */
const site = (files: Record<string, string>, fields: Record<string, unknown> = {}) =>
  writeSite({ 'site.config.ts': config(fields), ...files });

async function onlyError(dir: string) {
  const { errors } = await buildFails(dir);
  assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
  return errors[0]!;
}

describe('names and paths too long for a file system', () => {
  it('reports a 300-byte slug as a front matter error on its line, before anything is written', async () => {
    const dir = site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 'b'.repeat(300) }) });
    const error = await onlyError(dir);
    assert.equal(error.code, 'E_FRONTMATTER_FIELD');
    assert.equal(error.file, 'content/posts/a.md');
    assert.equal(error.line, 4);
    assert.equal(error.message, '"slug" is 300 bytes long; a file or folder name can have at most 255');
    const run = cli(['build', dir]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^error\[E_FRONTMATTER_FIELD\] content\/posts\/a\.md:4: "slug" is 300 bytes long/);
    assert.doesNotMatch(run.stderr, /E_WRITE|\n\s+at /);
    assert.equal(existsSync(join(dir, 'dist')), false, 'no partial output');
  });

  it('counts bytes, not characters', async () => {
    const fine = site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 'é'.repeat(127) }) });
    assert.equal(cli(['build', fine]).status, 0);
    const dir = site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 'é'.repeat(128) }) });
    assert.match((await onlyError(dir)).message, /"slug" is 256 bytes long/);
  });

  it('names the file name when the slug made from it is too long', async () => {
    // 60 plus signs fit a file name, but each becomes "plus": the slug is 299 bytes.
    const name = `content/posts/2020-01-01-${'+'.repeat(60)}.md`;
    const error = await onlyError(site({ [name]: post({ title: 'Plus' }) }));
    assert.equal(error.code, 'E_FRONTMATTER_FIELD');
    assert.equal(error.file, name);
    assert.equal(
      error.message,
      'the slug made from the file name is 299 bytes long; a file or folder name can have at most 255',
    );
    assert.match(error.hint!, /shorter file name, or a `slug:`/);
  });

  it('names the category, the tag and the permalink whose folder name would be too long', async () => {
    const long = 'x'.repeat(256);
    const cases: [Record<string, string>, string, number, RegExp][] = [
      [{ categories: `ok, ${long}` }, 'categories', 4, /^the category "x{40}…" gives a URL segment that is 256 bytes/],
      [{ tags: `[${long}]` }, 'tags', 4, /^the tag "x{40}…" gives a URL segment that is 256 bytes/],
      [{ permalink: `/notes/${long}/` }, 'permalink', 4, /^"permalink" has a segment of 256 bytes/],
    ];
    for (const [fields, key, line, message] of cases) {
      const error = await onlyError(
        site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', ...fields }) }),
      );
      assert.equal(error.code, 'E_FRONTMATTER_FIELD', key);
      assert.equal(error.line, line, key);
      assert.match(error.message, message, key);
    }
  });

  it('finds a name made too long by the permalink pattern around the slug, and names the slug', async () => {
    const dir = site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 'b'.repeat(250) }) }, {
      permalink: '/:year/:slug-:month.html',
    });
    const error = await onlyError(dir);
    assert.equal(error.code, 'E_FRONTMATTER_FIELD');
    assert.equal(error.file, 'content/posts/a.md');
    assert.match(
      error.message,
      /^the output path 2020\/b{35}… has a folder or file name of 258 bytes; at most 255 fit/,
    );
    assert.match(error.message, /\(made from "slug"\)$/);
  });

  it('reports an output path longer than 4,096 bytes, from the permalink or from the slug', async () => {
    const deep = `/${Array.from({ length: 20 }, () => 'd'.repeat(210)).join('/')}/`;
    const fromPermalink = await onlyError(
      site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', permalink: deep }) }),
    );
    assert.match(fromPermalink.message, /^"permalink" is 4221 bytes long; an output path can have at most 4096$/);
    const pattern = `/${Array.from({ length: 17 }, () => ':slug').join('/')}/`;
    const fromSlug = await onlyError(
      site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 's'.repeat(250) }) }, {
        permalink: pattern,
      }),
    );
    assert.match(
      fromSlug.message,
      /^the output path s{40}… is 4277 bytes long; a path can have at most 4096 \(made from "slug"\)$/,
    );
  });

  it('measures a permalink as its files are named, percent escapes and all', async () => {
    // 30 escaped "…" are 90 bytes decoded, but the folder is named by the 270 bytes as written.
    const escaped = `/${'%E2%80%A6'.repeat(30)}/`;
    const error = await onlyError(
      site({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01', permalink: escaped }) }),
    );
    assert.match(error.message, /^"permalink" has a segment of 270 bytes/);
  });

  it('checks the permalink pattern of the configuration the same way', async () => {
    const { errors } = await buildFails(site({}, { permalink: `/${'p'.repeat(300)}/:slug/` }));
    assert.equal(errors[0]!.code, 'E_CONFIG_KEY');
    assert.match(errors[0]!.message, /"permalink" has a segment of 300 bytes/);
  });

  it('refuses a title for `colophon new` that makes too long a file name, and writes nothing', async () => {
    const dir = site({});
    const run = await runCli(['new', 'word '.repeat(60), dir]);
    assert.equal(run.code, 1);
    assert.match(run.err, /error\[E_NEW_TITLE\]: the title makes a file name of 313 bytes; at most 255 fit/);
    assert.equal(existsSync(join(dir, 'content')), false);
  });
});
