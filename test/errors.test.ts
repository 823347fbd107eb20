import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildFails, buildInMemory, buildOk, cli, config, listTree, post, writeSite } from './support/site.ts';

describe('errors in sources', () => {
  it('names the file and the YAML line of bad front matter, with a code frame', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/bad.md': '---\ntitle: Bad\ncategories: [a, b\ndate: 2020-01-01\n---\nbody\n',
    });
    const failure = await buildFails(dir);
    const [error] = failure.errors;
    assert.equal(error!.code, 'E_FRONTMATTER');
    assert.equal(error!.file, 'content/posts/bad.md');
    assert.equal(error!.line, 4);
    assert.match(error!.frame!, />\s+4 \| date: 2020-01-01/);
  });

  it('collects every error of a build, sorted by file', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/z-no-title.md': post({ date: '2020-01-01' }),
      'content/posts/a-no-date.md': post({ title: 'No date' }),
      'content/posts/m-bad-date.md': post({ title: 'Bad date', date: '2014-02-30' }),
      'content/posts/n-layout.md': post({ title: 'Layout', date: '2020-01-01', layout: 'fancy' }),
      'content/posts/ok.md': post({ title: 'Fine', date: '2020-01-01' }),
    });
    const failure = await buildFails(dir);
    assert.deepEqual(failure.errors.map((e) => [e.file, e.code]), [
      ['content/posts/a-no-date.md', 'E_FRONTMATTER_FIELD'],
      ['content/posts/m-bad-date.md', 'E_FRONTMATTER_FIELD'],
      ['content/posts/z-no-title.md', 'E_FRONTMATTER_FIELD'],
    ]);
    assert.match(failure.errors[1]!.message, /"2014-02-30" names a day or time that does not exist/);
    assert.equal(failure.errors[1]!.line, 3);
    // The unknown layout is found once the sources themselves are fine.
    writeFileSync(join(dir, 'content/posts/z-no-title.md'), post({ title: 'Now titled', date: '2020-01-01' }));
    writeFileSync(join(dir, 'content/posts/a-no-date.md'), post({ title: 'Dated', date: '2020-01-01' }));
    writeFileSync(join(dir, 'content/posts/m-bad-date.md'), post({ title: 'Fixed', date: '2014-02-28' }));
    const second = await buildFails(dir);
    assert.deepEqual(second.errors.map((e) => [e.file, e.code]), [['content/posts/n-layout.md', 'E_LAYOUT']]);
    assert.match(second.errors[0]!.message, /"fancy"/);
  });

  it('names the config key that is wrong', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ titel: 'x' }, /unknown key "titel"/],
      [{ timezone: 'Mars/Olympus' }, /"timezone" "Mars\/Olympus" is not an IANA timezone/],
      [{ permalink: '/:year/:slugg/' }, /"permalink" unknown token ":slugg"/],
      [{ postsPerPage: 0 }, /"postsPerPage" must be a whole number/],
      [{ url: 'example.org' }, /"url" "example.org" is not an absolute URL/],
      [{ outDir: 'content' }, /"outDir" is "content"/],
    ];
    for (const [fields, message] of cases) {
      const failure = await buildFails(writeSite({ 'site.config.ts': config(fields) }));
      assert.equal(failure.errors[0]!.file, 'site.config.ts');
      assert.match(failure.errors[0]!.message, message);
    }
  });

  it('reports a template error with the layout file and the page being rendered', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'layouts/post.eta': "<% layout('@base') %>\n<h1><%= it.post.title %></h1>\n<%= it.post.nothing.here %>\n",
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
    });
    const failure = await buildFails(dir);
    assert.equal(failure.errors[0]!.code, 'E_TEMPLATE');
    assert.equal(failure.errors[0]!.file, 'layouts/post.eta');
    assert.equal(failure.errors[0]!.line, 3);
    assert.match(failure.errors[0]!.message, /while rendering content\/posts\/a\.md/);
  });

  it('refuses two sources with one permalink, listing both', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01', slug: 'same' }),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-01 12:00', slug: 'same' }),
    });
    const failure = await buildFails(dir);
    assert.equal(failure.errors[0]!.code, 'E_COLLISION');
    assert.match(
      failure.errors[0]!.message,
      /content\/posts\/a\.md and content\/posts\/b\.md would all be written to 2020\/01\/01\/same\/index\.html/,
    );
  });
});

describe('the file tree', () => {
  it('refuses a symbolic link that loops back into content/, naming it', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
    });
    symlinkSync(join(dir, 'content'), join(dir, 'content/posts/again'));
    const failure = await buildFails(dir);
    assert.deepEqual(failure.errors.map((e) => [e.code, e.file]), [['E_SYMLINK_LOOP', 'content/posts/again']]);
  });

  it('follows a symbolic link to a folder elsewhere', async () => {
    const shared = writeSite({ 'x.md': post({ title: 'Linked', date: '2020-02-02' }) });
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
    });
    symlinkSync(shared, join(dir, 'content/posts/shared'));
    const result = await buildInMemory(dir);
    assert.deepEqual(result.site.posts.map((p) => p.source.path), ['content/posts/shared/x.md', 'content/posts/a.md']);
  });
});

describe('a failed build', () => {
  it('leaves the previous output exactly as it was', async () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
      'public/style.css': 'body{}\n',
    });
    await buildOk(dir);
    const before = listTree(join(dir, 'dist')).map((p) => [p, readFileSync(join(dir, 'dist', p), 'utf8')]);
    writeFileSync(join(dir, 'content/posts/b.md'), '---\ntitle: [unclosed\n---\n');
    writeFileSync(join(dir, 'content/posts/a.md'), post({ title: 'A changed', date: '2020-01-01' }));
    const run = cli(['build', dir]);
    assert.equal(run.status, 1);
    const after = listTree(join(dir, 'dist')).map((p) => [p, readFileSync(join(dir, 'dist', p), 'utf8')]);
    assert.deepEqual(after, before);
    // No staging or retired folder is left behind (the cache folder is not output).
    assert.deepEqual(listTree(dir).filter((p) => p.includes('colophon-') && !p.startsWith('node_modules/.cache/')), []);
  });
});

describe('the command line', () => {
  it('prints every error with file:line, a summary, and exits 1 without a stack trace', () => {
    const dir = writeSite({
      'site.config.ts': config({}),
      'content/posts/b.md': '---\ntitle: x\n  bad: indent\n---\n',
      'content/posts/a.md': post({ date: '2020-01-01' }),
    });
    const run = cli(['build', dir]);
    assert.equal(run.status, 1);
    const lines = run.stderr.split('\n').filter((l) => l.startsWith('error['));
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^error\[E_FRONTMATTER_FIELD\] content\/posts\/a\.md: the title is missing/);
    assert.match(lines[1]!, /^error\[E_FRONTMATTER\] content\/posts\/b\.md:3:\d+: invalid YAML/);
    assert.match(run.stderr, /Failed with 2 errors; the previous output is unchanged\./);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('builds a folder without site.config.ts with a warning and prints one summary line', () => {
    const dir = writeSite({
      'content/posts/2020-01-01-hi.md': post({ title: 'Hi' }),
      'content/about.md': post({ title: 'About' }),
    });
    const run = cli(['build', dir]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warning: site\.config\.ts not found/);
    assert.match(
      run.stdout,
      /^Built 1 post, 1 page: 9 files \(9 written, 0 unchanged, 0 removed\) in \d+\.\d\d s, sha256:[0-9a-f]{64}\n$/,
    );
    const again = cli(['build', dir]);
    assert.match(again.stdout, /\(0 written, 9 unchanged, 0 removed\)/);
  });

  it('answers --help and --version, and rejects unknown commands', () => {
    assert.match(cli(['--help']).stdout, /colophon build \[dir\]/);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    assert.equal(cli(['--version']).stdout.trim(), pkg.version);
    const bad = cli(['bild']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /unknown command "bild"/);
  });
});
