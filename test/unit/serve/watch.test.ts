import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { watchSite } from '../../../src/serve/watch.ts';

/** The batches a site's watcher reports while `act` runs and for a while after. */
async function batches(act: (dir: string) => Promise<void>): Promise<string[][]> {
  const dir = mkdtempSync(join(tmpdir(), 'colophon-watch-site-'));
  mkdirSync(join(dir, 'content'));
  writeFileSync(join(dir, 'content/a.md'), 'first');
  const seen: string[][] = [];
  const watch = watchSite(dir, (paths) => seen.push(paths));
  await watch.ready;
  await act(dir);
  await new Promise((resolve) => setTimeout(resolve, 400));
  await watch.close();
  return seen;
}

describe('watchSite', () => {
  it('keeps a post moved aside and written again in one batch, so it never vanishes for a refresh', async () => {
    const seen = await batches(async (dir) => {
      renameSync(join(dir, 'content/a.md'), join(dir, 'content/a.md~'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      writeFileSync(join(dir, 'content/a.md'), 'second');
      rmSync(join(dir, 'content/a.md~'));
    });
    assert.deepEqual(seen, [['content/a.md']]);
  });

  it('reports a post that is deleted and stays deleted', async () => {
    const seen = await batches(async (dir) => rmSync(join(dir, 'content/a.md')));
    assert.deepEqual(seen, [['content/a.md']]);
  });
});
