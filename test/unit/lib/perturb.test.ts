import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ROOT } from '../../support/site.ts';

/** perturbIfAsked changes this process's globals, so each case runs in a process of its own. */
function probe(env: Record<string, string>): { year: number; same: boolean; random: number[]; order: number[] } {
  const code = `
    const { perturbIfAsked, inTakingOrder } = await import('./src/lib/perturb.ts');
    perturbIfAsked();
    const year = new Date().getUTCFullYear();
    const same = Math.abs(Date.now() - new Date().getTime()) < 1000 && new Date(0).getTime() === 0;
    console.log(JSON.stringify({ year, same, random: [Math.random(), Math.random()], order: inTakingOrder([1, 2, 3]) }));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, COLOPHON_PERTURB: '', ...env },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

describe('perturbIfAsked', () => {
  it('leaves the clock, Math.random and order alone unless COLOPHON_PERTURB=1', () => {
    const plain = probe({});
    assert.equal(plain.year, new Date().getUTCFullYear());
    assert.deepEqual(plain.order, [1, 2, 3]);
    assert.notDeepEqual(probe({}).random, plain.random);
  });

  it('moves the clock decades ahead, seeds Math.random and reverses the taking order', () => {
    const a = probe({ COLOPHON_PERTURB: '1' });
    assert.ok(a.year >= new Date().getUTCFullYear() + 39, String(a.year));
    assert.ok(a.same, 'Date.now() and new Date() agree; a given time is kept');
    assert.deepEqual(a.order, [3, 2, 1]);
    assert.deepEqual(probe({ COLOPHON_PERTURB: '1' }).random, a.random, 'seeded: the same sequence every time');
  });
});
