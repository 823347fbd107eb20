import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { initSite } from '../src/scaffold/init.ts';
import { cli, digestOf, listTree, read } from './support/site.ts';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'colophon-init-')), 'blog');

describe('colophon init', () => {
  it('makes a site that the compiled CLI builds at once with the built-in theme', () => {
    const dir = fresh();
    const init = cli(['init', dir]);
    assert.equal(init.status, 0, init.stderr);
    assert.deepEqual(listTree(dir).filter((f) => !f.startsWith('content/posts/')), ['README.md', 'site.config.ts']);
    assert.match(readFileSync(join(dir, 'site.config.ts'), 'utf8'), /^import \{ defineConfig \} from 'colophon';/);
    const built = cli(['build', dir]);
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stdout, /^Built 1 post, 0 pages: /);
    assert.equal(built.stderr, '', 'no warnings');
    assert.match(
      read(dir, 'index.html'),
      /<h2 class="entry-title"><a href="\/\d{4}\/\d{2}\/\d{2}\/hello-world\/">Hello, world<\/a><\/h2>/,
    );
    assert.match(read(dir, 'index.html'), /<title>My Blog<\/title>/);
  });

  it('dates the first post now, in the timezone it writes into the config', async () => {
    const dir = fresh();
    const now = Date.UTC(2024, 2, 9, 23, 30);
    const files = await initSite(dir, { force: false, now, timezone: 'Asia/Tokyo' });
    assert.deepEqual(files, ['site.config.ts', 'content/posts/2024/2024-03-10-hello-world.md', 'README.md']);
    assert.match(readFileSync(join(dir, files[1]!), 'utf8'), /^---\ntitle: "Hello, world"\ndate: 2024-03-10 08:30\n/);
    assert.match(readFileSync(join(dir, 'site.config.ts'), 'utf8'), /timezone: 'Asia\/Tokyo',/);
    const built = cli(['build', dir]);
    assert.equal(built.status, 0, built.stderr);
    assert.match(read(dir, '2024/03/10/hello-world/index.html'), /datetime="2024-03-10T08:30:00\+09:00"/);
    const again = fresh();
    await initSite(again, { force: false, now, timezone: 'Asia/Tokyo' });
    assert.equal(digestOf(cli(['build', again])), digestOf(built), 'the same moment gives the same site');
  });

  it('refuses a folder that is not empty, unless --force', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const refused = cli(['init', dir]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /error\[E_INIT_NOT_EMPTY\]: .* is not empty/);
    assert.match(refused.stderr, /--force/);
    assert.deepEqual(listTree(dir), ['notes.txt'], 'nothing was written');
    const forced = cli(['init', dir, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine\n', 'other files are left alone');
    assert.ok(listTree(dir).includes('site.config.ts'));
  });

  it('takes the current folder when none is given, and an empty existing folder', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const init = cli(['init'], {}, dir);
    assert.equal(init.status, 0, init.stderr);
    assert.ok(listTree(dir).includes('site.config.ts'));
  });
});
