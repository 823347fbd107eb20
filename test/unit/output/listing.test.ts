import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { listOutput } from '../../../src/output/listing.ts';
import { listTree } from '../../support/site.ts';

const LEFT = ['index.html', 'a/index.html', 'a/b/index.html', 'c/index.html', 'd/e/index.html', 'f.css'];
const HOUR = 3_600_000;

/** An output folder as a build left it an hour ago: every file and folder last modified then. */
function leftAnHourAgo(): { out: string; writtenBefore: number } {
  const out = join(mkdtempSync(join(tmpdir(), 'colophon-listing-')), 'dist');
  for (const path of LEFT) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), path);
  }
  const then = new Date(Date.now() - HOUR);
  const age = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) age(join(folder, entry.name));
      utimesSync(join(folder, entry.name), then, then);
    }
  };
  age(out);
  utimesSync(out, then, then);
  return { out, writtenBefore: Date.now() - HOUR / 2 };
}

async function listed(out: string, writtenBefore: number): Promise<string[]> {
  return [...(await listOutput(out, { paths: LEFT, writtenBefore })).keys()].sort();
}

describe('the listing of the output folder', () => {
  it('finds what was added, removed or replaced since the last build, in any folder', async () => {
    const { out, writtenBefore } = leftAnHourAgo();
    writeFileSync(join(out, 'a', 'stray.html'), 'added beside a known file');
    mkdirSync(join(out, 'a', 'new', 'deep'), { recursive: true });
    writeFileSync(join(out, 'a', 'new', 'deep', 'x.html'), 'in a new folder');
    unlinkSync(join(out, 'c', 'index.html'));
    rmSync(join(out, 'd'), { recursive: true });
    writeFileSync(join(out, 'd'), 'a file where a folder was');
    rmSync(join(out, 'f.css'));
    mkdirSync(join(out, 'f.css'));
    writeFileSync(join(out, 'f.css', 'inside'), 'a folder where a file was');
    assert.deepEqual(await listed(out, writtenBefore), listTree(out).sort());
  });

  it('gives each file its size and mtime, a hand-edited one included', async () => {
    const { out, writtenBefore } = leftAnHourAgo();
    writeFileSync(join(out, 'a', 'b', 'index.html'), 'edited in place: its folder is as it was');
    const seen = await listOutput(out, { paths: LEFT, writtenBefore });
    const edited = seen.get('a/b/index.html')!;
    assert.equal(edited.size, statSync(join(out, 'a', 'b', 'index.html')).size);
    assert.ok(edited.mtimeMs >= writtenBefore);
    assert.ok(seen.get('index.html')!.mtimeMs < writtenBefore);
  });

  it('lists every file, by a full walk, without the manifest or when a link is met', async () => {
    const { out, writtenBefore } = leftAnHourAgo();
    writeFileSync(join(out, 'a', 'b', 'late.html'), 'late');
    assert.deepEqual([...(await listOutput(out)).keys()].sort(), listTree(out).sort());
    symlinkSync(join(out, 'a'), join(out, 'c', 'linked'));
    const expected = [...listTree(out), 'c/linked/b/index.html', 'c/linked/b/late.html', 'c/linked/index.html'];
    assert.deepEqual(await listed(out, writtenBefore), [...new Set(expected)].sort());
  });

  it('is empty when there is no output folder', async () => {
    assert.equal(
      (await listOutput(join(tmpdir(), 'colophon-no-such-folder'), { paths: LEFT, writtenBefore: 1 })).size,
      0,
    );
  });
});
