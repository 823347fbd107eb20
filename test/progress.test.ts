import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Io, main } from '../src/cli.ts';
import { progressLine } from '../src/output/progress.ts';
import { cli, config, post, writeSite } from './support/site.ts';

function site(posts: number): string {
  const files: Record<string, string> = { 'site.config.ts': config({ postsPerPage: 50 }) };
  for (let i = 1; i <= posts; i++) {
    files[`content/posts/p${String(i).padStart(3, '0')}.md`] = post({ title: `P${i}`, date: '2020-01-01' });
  }
  return writeSite(files);
}

/** An Io whose standard error is a terminal (it has `progress`) or not. */
function capture(tty: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io: Io = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    ...(tty ? { progress: (t: string) => progress.push(t) } : {}),
  };
  return { io, out, err, progress };
}

describe('build progress', () => {
  it('draws one line on a terminal, counting post pages up to the total, and clears it at the end', async () => {
    const dir = site(120);
    const run = capture(true);
    assert.equal(await main(['build', dir], run.io), 0);
    const counts = run.progress.map((t) => /Rendering posts (\d+)\/(\d+)/.exec(t)).filter((m) => m !== null);
    assert.ok(counts.length >= 100 && counts.length <= 101, `redrawn per percent, not per file: ${counts.length}`);
    assert.ok(counts.every((m) => m[2] === '120'));
    assert.equal(counts[counts.length - 1]![1], '120');
    assert.ok(run.progress.every((t) => t.startsWith('\r\x1b[2K') && !t.includes('\n')), 'rewritten in place');
    assert.equal(run.progress[run.progress.length - 1], '\r\x1b[2K', 'the line is cleared before the summary');
    assert.equal(run.out.length, 1, 'standard output only has the summary');
  });

  it('is quiet with --quiet, with --json and when standard error is not a terminal', async () => {
    for (const [args, tty] of [[['--quiet'], true], [['--json'], true], [[], false]] as const) {
      const run = capture(tty);
      assert.equal(await main(['build', site(3), ...args], run.io), 0);
      assert.deepEqual(run.progress, [], args.join(' '));
    }
    const piped = cli(['build', site(3)]);
    assert.equal(piped.stderr, '', 'a real run with standard error on a pipe prints no progress');
  });

  it('lists every file written, then removed, with --verbose', async () => {
    const dir = site(2);
    const first = capture(false);
    assert.equal(await main(['build', dir, '--verbose'], first.io), 0);
    assert.ok(first.out.includes('  written  index.html'));
    assert.ok(first.out.includes('  written  2020/01/01/p001/index.html'));
    assert.equal(first.out.filter((l) => l.startsWith('  written  ')).length, 9);
    writeSite({ 'content/posts/p002.md': post({ title: 'P2 moved', date: '2020-02-01' }) }, dir);
    const second = capture(false);
    assert.equal(await main(['build', dir, '--verbose'], second.io), 0);
    assert.deepEqual(second.out.slice(0, -1), [
      '  written  2020/01/01/p001/index.html', // its neighbour changed
      '  written  2020/02/01/p002/index.html',
      '  written  archive/2020/01/index.html',
      '  written  archive/2020/02/index.html',
      '  written  archive/index.html',
      '  written  feed/atom.xml',
      '  written  index.html',
      '  written  sitemap.xml',
      '  removed  2020/01/01/p002/index.html',
      '  made     8 of 10 files', // the others' inputs did not change
    ]);
    assert.match(second.out.at(-1)!, /^Built 2 posts/);
  });
});

describe('progressLine', () => {
  it('redraws only when the whole percentage changes', () => {
    const drawn: string[] = [];
    const line = progressLine((t) => drawn.push(t));
    for (let done = 1; done <= 1000; done++) line.update(done, 1000);
    assert.equal(drawn.length, 101, '0% to 100%');
    assert.equal(drawn[100], '\r\x1b[2KRendering posts 1000/1000 (100%)');
  });
});
