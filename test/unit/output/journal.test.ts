import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { besideOutput, commitInPlace, recoverOutput } from '../../../src/output/journal.ts';
import { listTree } from '../../support/site.ts';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

const tree = (root: string) => Object.fromEntries(listTree(root).map((f) => [f, readFileSync(join(root, f), 'utf8')]));

const OLD = { 'index.html': 'old index', 'a/index.html': 'old a', 'gone/index.html': 'gone', 'same.css': 'same' };
const NEW = { 'index.html': 'new index', 'a/index.html': 'new a', 'b/index.html': 'new b', 'same.css': 'same' };
const JOURNAL = { replaced: ['a/index.html', 'index.html'], added: ['b/index.html'], removed: ['gone/index.html'] };

/** An output folder holding OLD, with NEW's changed files staged beside it. */
function prepared(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'colophon-journal-')), 'dist');
  writeTree(out, OLD);
  const { staging } = besideOutput(out);
  writeTree(staging, { 'index.html': NEW['index.html'], 'a/index.html': NEW['a/index.html'], 'b/index.html': 'new b' });
  return out;
}

describe('writing in place', () => {
  it('commits to exactly the new files, leaving nothing beside the output', async () => {
    const out = prepared();
    await commitInPlace(out, JOURNAL);
    assert.deepEqual(tree(out), NEW);
    assert.deepEqual(readdirSync(dirname(out)), ['dist']);
  });

  it('rolls back to exactly the old files from a stop after any rename', async () => {
    const moves = JOURNAL.replaced.length * 2 + JOURNAL.added.length + JOURNAL.removed.length;
    for (let stop = 0; stop < moves; stop++) {
      const out = prepared();
      let done = 0;
      await assert.rejects(commitInPlace(out, JOURNAL, () => {
        if (done++ === stop) throw new Error('killed');
      }));
      assert.ok(existsSync(besideOutput(out).journal), `the journal is there after rename ${stop + 1}`);
      await recoverOutput(out);
      assert.deepEqual(tree(out), OLD, `stopped after rename ${stop + 1}`);
      assert.deepEqual(readdirSync(dirname(out)), ['dist']);
      await recoverOutput(out); // and again, as after a kill during the roll-back itself
      assert.deepEqual(tree(out), OLD);
    }
  });

  it('puts back a whole old output left beside a missing one', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'colophon-journal-')), 'dist');
    writeTree(besideOutput(out).retired, OLD);
    await recoverOutput(out);
    assert.deepEqual(tree(out), OLD);
  });
});
