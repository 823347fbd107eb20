import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../src/cli.ts';
import { asOfInstant } from '../src/model/schedule.ts';
import { all, buildInMemory, cli, config, digestOf, post, read, writeSite } from './support/site.ts';

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    process.env = saved;
  }
}

function site(): string {
  return writeSite({
    'site.config.ts': config({ title: 'T', timezone: 'Pacific/Auckland' }),
    'content/posts/past.md': post({ title: 'Past', date: '2030-01-01 09:00', categories: 'News' }),
    'content/posts/edge.md': post({ title: 'Edge', date: '2030-06-01 23:30', categories: 'News' }),
    'content/posts/future.md': post({ title: 'Future', date: '2030-06-02 00:30', categories: 'Later' }),
    'content/about.md': post({ title: 'About' }),
  });
}

const titles = (dir: string) => all(read(dir, 'index.html'), /<h2 class="entry-title"><a [^>]*>([^<]*)</g);

describe('scheduled posts', () => {
  it('hides no post by its date without --as-of or SOURCE_DATE_EPOCH', async () => {
    const dir = site();
    const result = await run(['build', dir], { SOURCE_DATE_EPOCH: undefined });
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(titles(dir), ['Future', 'Edge', 'Past']);
  });

  it('leaves out posts dated after --as-of, a day meaning the whole of that day in the site timezone', async () => {
    const dir = site();
    const result = await run(['build', dir, '--as-of', '2030-06-01'], { SOURCE_DATE_EPOCH: undefined });
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^Built 2 posts, 1 page:/);
    assert.deepEqual(titles(dir), ['Edge', 'Past']);
    assert.equal(existsSync(join(dir, 'dist/2030/06/02/future')), false);
    assert.equal(existsSync(join(dir, 'dist/category/later')), false, 'a category with only future posts is not built');
    assert.doesNotMatch(read(dir, 'feed/atom.xml'), /Future/);
    assert.doesNotMatch(read(dir, 'sitemap.xml'), /future/);
    assert.doesNotMatch(read(dir, 'archive/index.html'), /Future/);
    assert.match(read(dir, '2030/06/01/edge/index.html'), /<nav class="post-nav">/);
    assert.doesNotMatch(
      read(dir, '2030/06/01/edge/index.html'),
      /Newer/,
      'the newest built post links to no hidden one',
    );
  });

  it('takes a time too: the instant is exact', async () => {
    const dir = site();
    assert.equal((await run(['build', dir, '--as-of', '2030-06-01 23:29'], { SOURCE_DATE_EPOCH: undefined })).code, 0);
    assert.deepEqual(titles(dir), ['Past']);
  });

  it('uses SOURCE_DATE_EPOCH (seconds since the epoch) when --as-of is not given', async () => {
    const dir = site();
    // 2030-06-01 11:30 UTC is 23:30 on June 1 in Auckland (NZST, +12:00): Edge is due, Future is not.
    const epoch = String(Date.UTC(2030, 5, 1, 11, 30) / 1000);
    const result = await run(['build', dir], { SOURCE_DATE_EPOCH: epoch });
    assert.equal(result.code, 0, result.err);
    assert.deepEqual(titles(dir), ['Edge', 'Past']);
    const first = await run(['build', dir, '--as-of', '2030-01-02'], { SOURCE_DATE_EPOCH: epoch });
    assert.equal(first.code, 0);
    assert.deepEqual(titles(dir), ['Past'], '--as-of wins over the environment');
  });

  it('gives the same digest through the real CLI whatever the clock says', () => {
    const dir = site();
    const a = cli(['build', dir, '--as-of', '2030-06-01'], { TZ: 'UTC' });
    const b = cli(['build', dir], {
      SOURCE_DATE_EPOCH: String(Date.UTC(2030, 5, 1, 11, 59, 59) / 1000),
      TZ: 'America/New_York',
    });
    assert.equal(a.status, 0, a.stderr);
    assert.equal(digestOf(b), digestOf(a));
  });

  it('lets verify rebuild with the same cut-off', async () => {
    const dir = site();
    assert.equal((await run(['build', dir, '--as-of', '2030-06-01'], { SOURCE_DATE_EPOCH: undefined })).code, 0);
    assert.equal(
      (await run(['verify', dir, join(dir, 'dist'), '--as-of', '2030-06-01'], { SOURCE_DATE_EPOCH: undefined })).code,
      0,
    );
    assert.equal((await run(['verify', dir, join(dir, 'dist')], { SOURCE_DATE_EPOCH: undefined })).code, 1);
  });

  it('rejects an unreadable --as-of or SOURCE_DATE_EPOCH', async () => {
    const dir = site();
    const bad = await run(['build', dir, '--as-of', 'next tuesday'], { SOURCE_DATE_EPOCH: undefined });
    assert.equal(bad.code, 1);
    assert.match(bad.err, /error\[E_AS_OF\]: --as-of "next tuesday" is not a date/);
    const env = await run(['build', dir], { SOURCE_DATE_EPOCH: '2030-01-01' });
    assert.equal(env.code, 1);
    assert.match(env.err, /error\[E_AS_OF\]: SOURCE_DATE_EPOCH is "2030-01-01", not a whole number of seconds/);
  });

  it('is part of the build API as an instant or a date', async () => {
    const dir = site();
    const result = await buildInMemory(dir, { asOf: Date.UTC(2030, 0, 1) });
    assert.deepEqual(
      result.site.posts.map((p) => p.source.title),
      ['Past'],
      '09:00 in Auckland is the evening before in UTC',
    );
    assert.equal(asOfInstant('2030-02-28', 'UTC'), Date.UTC(2030, 2, 1) - 1);
    assert.equal(asOfInstant('2030-02-28T10:00:00Z', 'Europe/Berlin'), Date.UTC(2030, 1, 28, 10));
  });
});
