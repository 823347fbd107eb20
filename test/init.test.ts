import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { initSite } from '../src/scaffold/init.ts';
import { cli, digestOf, listTree, read, ROOT } from './support/site.ts';

/** npm, offline where it can be: CI has just installed this checkout's packages into npm's cache. */
function npm(args: string[], cwd: string) {
  const run = spawnSync('npm', [...args, '--prefer-offline', '--no-audit', '--no-fund'], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `npm ${args.join(' ')}:\n${run.stderr}`);
  return run;
}

const fresh = () => join(mkdtempSync(join(tmpdir(), 'colophon-init-')), 'blog');

describe('colophon init', () => {
  it('makes a site that the compiled CLI builds at once with the built-in theme', () => {
    const dir = fresh();
    const init = cli(['init', dir]);
    assert.equal(init.status, 0, init.stderr);
    assert.deepEqual(listTree(dir).filter((f) => !f.startsWith('content/posts/')), [
      '.gitignore',
      'README.md',
      'package.json',
      'site.config.ts',
    ]);
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
    const postFile = 'content/posts/2024/2024-03-10-hello-world.md';
    assert.deepEqual(files, ['package.json', '.gitignore', 'site.config.ts', postFile, 'README.md']);
    assert.match(readFileSync(join(dir, postFile), 'utf8'), /^---\ntitle: "Hello, world"\ndate: 2024-03-10 08:30\n/);
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
    writeFileSync(join(dir, 'package.json'), '{ "name": "my-project" }\n');
    const forced = cli(['init', dir, '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(readFileSync(join(dir, 'notes.txt'), 'utf8'), 'mine\n', 'other files are left alone');
    assert.equal(
      readFileSync(join(dir, 'package.json'), 'utf8'),
      '{ "name": "my-project" }\n',
      "a project's own is kept",
    );
    assert.doesNotMatch(forced.stdout, /created {2}package\.json/);
    assert.ok(listTree(dir).includes('site.config.ts'));
  });

  it('makes an npm project that a new user installs Colophon and a plugin into, and builds with npx', () => {
    // As a new user would: a folder outside the checkout, Colophon installed from its package.
    const dir = fresh();
    assert.equal(cli(['init', dir]).status, 0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.scripts, { dev: 'colophon serve', build: 'colophon build' });
    assert.equal(pkg.dependencies.colophon, `^${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}`);
    assert.equal(pkg.name, 'blog');
    assert.deepEqual(readFileSync(join(dir, '.gitignore'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#')), [
      'dist/',
      'dist.manifest.json',
      'node_modules/',
    ]);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    for (const command of ['npm install', 'npm run dev', 'npm run build']) {
      assert.ok(readme.includes(`    ${command}\n`));
    }

    const packed = mkdtempSync(join(tmpdir(), 'colophon-pack-'));
    const pack = npm(['pack', '--ignore-scripts', '--pack-destination', packed, ROOT], ROOT);
    const tarball = join(packed, pack.stdout.trim().split('\n').pop()!);
    npm(['install', tarball, 'markdown-it-footnote@^4.0.0'], dir);
    writeFileSync(
      join(dir, 'site.config.ts'),
      readFileSync(join(dir, 'site.config.ts'), 'utf8')
        .replace("from 'colophon';", "from 'colophon';\nimport footnote from 'markdown-it-footnote';")
        .replace('defineConfig({', 'defineConfig({\n  markdown: { footnotes: false, plugins: [footnote] },'),
    );
    writeFileSync(
      join(dir, 'content/posts/note.md'),
      '---\ntitle: Note\ndate: 2024-01-01\n---\nA claim.[^1]\n\n[^1]: Its source.\n',
    );
    const built = spawnSync('npx', ['colophon', 'build'], { cwd: dir, encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stdout, /^Built 2 posts, 0 pages: /);
    assert.match(read(dir, '2024/01/01/note/index.html'), /<li id="fn1" class="footnote-item"><p>Its source\./);
    const script = spawnSync('npm', ['run', 'build', '--silent'], { cwd: dir, encoding: 'utf8' });
    assert.equal(script.status, 0, script.stderr);
    assert.equal(digestOf(script), digestOf(built));
  });

  it('takes the current folder when none is given, and an empty existing folder', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const init = cli(['init'], {}, dir);
    assert.equal(init.status, 0, init.stderr);
    assert.ok(listTree(dir).includes('site.config.ts'));
  });
});
