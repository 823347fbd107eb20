import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { describe, it } from 'node:test';
import { watchFiles } from '../../../src/deps/watch.ts';

/** Runs `act` on a watched folder and returns the distinct paths reported, in POSIX form, sorted. */
async function reported(setup: Record<string, string>, act: (dir: string) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'colophon-watch-'));
  for (const [path, text] of Object.entries(setup)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const seen = new Set<string>();
  const watch = watchFiles(dir, ['content', 'layouts', 'site.config.ts'], (p) => seen.add(p.split(sep).join('/')));
  await watch.ready;
  act(dir);
  await new Promise((resolve) => setTimeout(resolve, 300));
  await watch.close();
  return [...seen].sort();
}

describe('watchFiles', () => {
  it('names a file edited deep in a watched folder, and nothing outside the names', async () => {
    const paths = await reported(
      { 'content/posts/2020/a.md': 'a', 'dist/index.html': 'x', 'site.config.ts': '' },
      (dir) => {
        writeFileSync(join(dir, 'content/posts/2020/a.md'), 'edited');
        writeFileSync(join(dir, 'dist/index.html'), 'y');
        writeFileSync(join(dir, 'notes.txt'), 'z');
      },
    );
    assert.deepEqual(paths, ['content/posts/2020/a.md']);
  });

  it('names the old file of an atomic save, and leaves editor swap files out', async () => {
    const paths = await reported({ 'content/a.md': 'a' }, (dir) => {
      writeFileSync(join(dir, 'content/.a.md.swp'), 'swap');
      writeFileSync(join(dir, 'content/a.md~'), 'backup');
      writeFileSync(join(dir, 'content/a.md.tmp'), 'saved');
      renameSync(join(dir, 'content/a.md.tmp'), join(dir, 'content/a.md'));
    });
    assert.deepEqual(paths.filter((p) => !p.endsWith('.tmp')), ['content/a.md']);
  });

  it('watches a folder made after it started, and one of the names that did not exist yet', async () => {
    const paths = await reported({ 'content/a.md': 'a' }, (dir) => {
      mkdirSync(join(dir, 'content/trip'));
      writeFileSync(join(dir, 'content/trip/index.md'), 'new');
      mkdirSync(join(dir, 'layouts'));
      writeFileSync(join(dir, 'layouts/post.eta'), 'x');
    });
    assert.ok(paths.includes('content/trip'), paths.join());
    // Made before the new folder was watched, it is found by listing the folder; after, by its event.
    assert.ok(paths.includes('content/trip/index.md'), paths.join());
    assert.ok(paths.includes('layouts/post.eta'), paths.join());
  });

  it('names a folder that goes', async () => {
    const paths = await reported({ 'content/trip/index.md': 'a', 'content/b.md': 'b' }, (dir) => {
      rmSync(join(dir, 'content/trip'), { recursive: true });
    });
    assert.ok(paths.includes('content/trip'), paths.join());
  });
});

describe('watchFiles, save by save', () => {
  /** How many times each path is reported while `act` runs and for 400 ms after. */
  async function counted(setup: Record<string, string>, act: (dir: string) => Promise<void>) {
    const dir = mkdtempSync(join(tmpdir(), 'colophon-watch-'));
    for (const [path, text] of Object.entries(setup)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const counts = new Map<string, number>();
    const watch = watchFiles(dir, ['content'], (p) => {
      const path = p.split(sep).join('/');
      counts.set(path, (counts.get(path) ?? 0) + 1);
    });
    await watch.ready;
    await act(dir);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await watch.close();
    return Object.fromEntries(counts);
  }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('names a file once for each save, written in place or renamed over it, among many files', async () => {
    const setup: Record<string, string> = {};
    for (let i = 0; i < 200; i++) setup[`content/posts/p${i}.md`] = `post ${i}`;
    const counts = await counted(setup, async (dir) => {
      // One write each, without emptying the file first: what each save is reported as is then certain.
      writeFileSync(join(dir, 'content/posts/p1.md'), 'edited in place, 1', { flag: 'r+' });
      await pause(300);
      writeFileSync(join(dir, 'content/posts/p1.md'), 'edited in place, 2', { flag: 'r+' });
      await pause(300);
      writeFileSync(join(dir, 'content/posts/p2.md.tmp'), 'saved atomically');
      renameSync(join(dir, 'content/posts/p2.md.tmp'), join(dir, 'content/posts/p2.md'));
    });
    assert.equal(counts['content/posts/p1.md'], 2, JSON.stringify(counts));
    assert.equal(counts['content/posts/p2.md'], 1, JSON.stringify(counts));
  });
});
