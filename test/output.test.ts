import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { recoverOutput } from '../src/output/journal.ts';
import { buildOk, cli, config, listTree, post, ROOT, writeSite } from './support/site.ts';

function smallSite(extra: Record<string, unknown> = {}): string {
  return writeSite({
    'site.config.ts': config({ postsPerPage: 2, ...extra }),
    'content/posts/a.md': post({ title: 'A', date: '2020-01-01', categories: 'One' }),
    'content/posts/b.md': post({ title: 'B', date: '2020-01-02', categories: 'Two' }),
    'content/posts/c.md': post({ title: 'C', date: '2020-01-03', categories: 'One' }),
  });
}

describe('the output folder', () => {
  it('leaves unchanged files untouched (same inode, same mtime) and rewrites only what changed', async () => {
    const dir = smallSite();
    await buildOk(dir);
    const old = new Date(Date.UTC(2001, 0, 1));
    for (const f of listTree(join(dir, 'dist'))) utimesSync(join(dir, 'dist', f), old, old);
    const before = new Map(listTree(join(dir, 'dist')).map((f) => [f, statSync(join(dir, 'dist', f))]));
    const folder = statSync(join(dir, 'dist/2020/01/01/a'));

    const again = cli(['build', dir]);
    assert.match(again.stdout, /\(0 written, 16 unchanged, 0 removed\)/);

    // Changing post b's body changes its page, the index and month pages 1 it is on, its category page and feeds.
    writeFileSync(
      join(dir, 'content/posts/b.md'),
      post({ title: 'B', date: '2020-01-02', categories: 'Two' }, 'New words.\n'),
    );
    const result = await buildOk(dir);
    const changed = listTree(join(dir, 'dist')).filter((f) => statSync(join(dir, 'dist', f)).mtimeMs !== old.getTime());
    assert.deepEqual(changed, [
      '2020/01/02/b/index.html',
      'archive/2020/01/index.html',
      'category/two/feed/atom.xml',
      'category/two/index.html',
      'feed/atom.xml',
      'index.html',
    ]);
    assert.deepEqual(result.report, { written: 6, unchanged: 10, removed: 0 });
    const kept = statSync(join(dir, 'dist/2020/01/01/a/index.html'));
    assert.equal(kept.ino, before.get('2020/01/01/a/index.html')!.ino);
    // Written in place: no copy of the tree, no hard links, the folders themselves kept.
    assert.ok(listTree(join(dir, 'dist')).every((f) => statSync(join(dir, 'dist', f)).nlink === 1));
    assert.equal(statSync(join(dir, 'dist/2020/01/01/a')).ino, folder.ino);
  });

  it('repairs an output file changed by hand, even when the manifest still lists its old hash', async () => {
    const dir = smallSite();
    await buildOk(dir);
    const file = join(dir, 'dist/index.html');
    const bytes = readFileSync(file);
    bytes[bytes.length - 3] ^= 1; // same size, different content, newer mtime than the manifest
    writeFileSync(file, bytes);
    const again = await buildOk(dir);
    assert.equal(again.report.written, 1);
    assert.equal(readFileSync(file).toString('utf8').includes('</html>'), true);
    assert.equal(
      createHash('sha256').update(readFileSync(file)).digest('hex'),
      again.manifest.files.find((f) => f.path === 'index.html')!.sha256,
    );
  });

  it('writes a manifest beside the output, and inside it only when asked', async () => {
    const dir = smallSite();
    const result = await buildOk(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'dist.manifest.json'), 'utf8'));
    assert.equal(manifest.digest, result.digest);
    assert.equal(manifest.files.length, 16);
    const index = manifest.files.find((f: { path: string }) => f.path === 'index.html');
    const bytes = readFileSync(join(dir, 'dist/index.html'));
    assert.deepEqual(index, {
      path: 'index.html',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    assert.equal(existsSync(join(dir, 'dist/colophon-manifest.json')), false);

    const published = smallSite({ publishManifest: true });
    const withManifest = await buildOk(published);
    assert.equal(withManifest.digest, result.digest, 'the published manifest is not part of the digest it records');
    const inside = JSON.parse(readFileSync(join(published, 'dist/colophon-manifest.json'), 'utf8'));
    assert.equal(inside.digest, result.digest);
  });
});

/** path ▶ sha256 of every file under dir. */
function snapshot(dir: string): Map<string, string> {
  return new Map(listTree(dir).map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe('a build killed part-way', () => {
  it('leaves the old output or the complete new one, never a mix', async () => {
    const files: Record<string, string> = { 'site.config.ts': config({ postsPerPage: 10 }) };
    for (let i = 0; i < 400; i++) {
      files[`content/posts/p${i}.md`] = post({
        title: `Post ${i}`,
        date: `2019-01-01 00:${String(i % 60).padStart(2, '0')}`,
        categories: `C${i % 20}`,
      }, 'Words. '.repeat(200));
    }
    const dir = writeSite(files);
    assert.equal(cli(['build', dir]).status, 0);
    const oldTree = snapshot(join(dir, 'dist'));
    // The new version changes every post, so a mix would be visible in any file.
    for (let i = 0; i < 400; i++) {
      writeFileSync(
        join(dir, `content/posts/p${i}.md`),
        post({ title: `Post ${i} v2`, date: '2019-06-01', categories: `C${i % 20}` }, 'Other words. '.repeat(200)),
      );
    }
    const reference = mkdtempSync(join(tmpdir(), 'colophon-ref-'));
    cpSync(dir, reference, { recursive: true });
    const started = performance.now();
    assert.equal(cli(['build', reference]).status, 0); // a rebuild, as each one below is
    const took = performance.now() - started;
    const newTree = snapshot(join(reference, 'dist'));

    const pristine = mkdtempSync(join(tmpdir(), 'colophon-old-'));
    cpSync(join(dir, 'dist'), pristine, { recursive: true });
    const same = (a: Map<string, string>, b: Map<string, string>) =>
      a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
    const outcomes: string[] = [];
    // Kills spread over the time a rebuild takes on this machine now, so that some land while it
    // renders and some while it moves files into place (see journal.test.ts for every single step).
    for (const delay of Array.from({ length: 14 }, (_, i) => Math.round(took * (0.1 + 0.07 * i)))) {
      rmSync(join(dir, 'dist'), { recursive: true, force: true });
      cpSync(pristine, join(dir, 'dist'), { recursive: true });
      const child = spawn(process.execPath, [join(ROOT, 'bin/colophon.js'), 'build', dir], { stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      const [code] = (await once(child, 'exit')) as [number | null];
      clearTimeout(timer);
      const out = join(dir, 'dist');
      // Killed part-way, a build leaves a journal (or the old output beside dist): the next build
      // rolls it back before anything else, as recoverOutput does here.
      const journal = existsSync(join(dir, '.dist.colophon-journal'));
      await recoverOutput(out);
      const now = snapshot(out);
      const state = same(now, oldTree) ? 'old' : same(now, newTree) ? 'new' : 'MIXED';
      outcomes.push(`${delay} ms: ${code === 0 ? 'finished' : 'killed'}${journal ? ' mid-commit' : ''}, ${state}`);
      assert.notEqual(state, 'MIXED', `killed after ${delay} ms the output was a mix:\n${outcomes.join('\n')}`);
    }
    if (process.env.COLOPHON_TEST_VERBOSE) console.log(outcomes.join('\n'));
    // The interruptions must have hit real builds, not only processes still starting or already done.
    assert.ok(outcomes.some((o) => o.includes('killed, old')), outcomes.join('\n'));
    assert.ok(outcomes.length > 0);
  });
});

describe('the compiled configuration', () => {
  it('is kept in the cache folder between runs, follows every edit, and is not kept with --no-cache', () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'First' }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
    });
    const cache = mkdtempSync(join(tmpdir(), 'colophon-cache-'));
    const build = (...flags: string[]) => {
      const run = cli(['build', dir, ...flags], { COLOPHON_CACHE_DIR: cache });
      assert.equal(run.status, 0, run.stderr);
      return readFileSync(join(dir, 'dist/index.html'), 'utf8');
    };
    const compiled = () =>
      readdirSync(join(cache, 'config')).map((name) => {
        const file = join(cache, 'config', name);
        return { text: readFileSync(file, 'utf8'), written: statSync(file).mtimeMs };
      });

    assert.match(build(), /<title>First<\/title>/);
    const first = compiled();
    assert.equal(first.length, 1);
    build();
    assert.deepEqual(compiled(), first); // read, not written again

    writeFileSync(join(dir, 'site.config.ts'), config({ title: 'Second' }));
    assert.match(build(), /<title>Second<\/title>/);
    assert.notDeepEqual(compiled(), first);

    // Replaced by a rename, never rewritten in place: a build reading it meanwhile, like this hard
    // link, keeps the whole old file, and no temporary file is left behind.
    const [name] = readdirSync(join(cache, 'config'));
    const entry = join(cache, 'config', name!);
    linkSync(entry, join(cache, 'reader'));
    writeFileSync(join(dir, 'site.config.ts'), config({ title: 'Fourth' }));
    assert.match(build(), /<title>Fourth<\/title>/);
    assert.notEqual(statSync(entry).ino, statSync(join(cache, 'reader')).ino);
    assert.match(readFileSync(join(cache, 'reader'), 'utf8'), /Second/);
    assert.deepEqual(readdirSync(join(cache, 'config')), [name]);

    // A damaged entry (cut short) is compiled again, not run.
    writeFileSync(entry, readFileSync(entry, 'utf8').slice(0, 200));
    writeFileSync(join(dir, 'site.config.ts'), config({ title: 'Fourth' }));
    assert.match(build(), /<title>Fourth<\/title>/);
    assert.match(readFileSync(entry, 'utf8'), /Fourth/);

    rmSync(cache, { recursive: true });
    writeFileSync(join(dir, 'site.config.ts'), config({ title: 'Third' }));
    assert.match(build('--no-cache'), /<title>Third<\/title>/);
    assert.equal(existsSync(join(cache, 'config')), false);
  });
});
