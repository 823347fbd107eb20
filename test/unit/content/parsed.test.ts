import assert from 'node:assert/strict';
import type { Stats } from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openParsedSources } from '../../../src/content/parsed.ts';
import type { Source } from '../../../src/content/types.ts';

const source: Source = {
  path: 'content/posts/a.md',
  kind: 'post',
  title: 'A',
  date: Date.UTC(2024, 0, 2),
  categories: ['x'],
  tags: [],
  slug: 'a',
  aliases: [],
  draft: false,
  data: { title: 'A', when: new Date(Date.UTC(2024, 0, 2)), list: [1, { deep: 'yes' }] },
  body: 'Hello *there*.\n',
};

const stats = (size: number, mtimeMs: number) => ({ size, mtimeMs, ctimeMs: mtimeMs }) as Stats;
const old = stats(15, 1_000_000);

async function recorded(timezone = 'UTC') {
  const dir = mkdtempSync(join(tmpdir(), 'colophon-parsed-'));
  const first = await openParsedSources(dir, '/site', timezone);
  assert.equal(first.take(source.path, old), undefined);
  first.keep(source.path, old, source);
  await first.save(new Set([source.path]));
  return dir;
}

describe('the parsed sources of the last build', () => {
  it('give back a file unchanged since, front matter dates still dates', async () => {
    const dir = await recorded();
    const again = await openParsedSources(dir, '/site', 'UTC');
    const taken = again.take(source.path, old);
    assert.deepEqual(taken, source);
    assert.ok(taken!.data.when instanceof Date);
  });

  it('read a file again when its size or times changed, or it changed just before the record', async () => {
    const dir = await recorded();
    const again = await openParsedSources(dir, '/site', 'UTC');
    assert.equal(again.take(source.path, stats(16, old.mtimeMs)), undefined);
    assert.equal(again.take(source.path, stats(15, old.mtimeMs + 1)), undefined);
    assert.equal(again.take(source.path, { ...old, ctimeMs: 5 } as Stats), undefined);
    const recent = stats(15, Date.now());
    const fresh = await openParsedSources(dir, '/fresh', 'UTC');
    fresh.keep(source.path, recent, source);
    await fresh.save(new Set([source.path]));
    assert.equal((await openParsedSources(dir, '/fresh', 'UTC')).take(source.path, recent), undefined);
  });

  it('are not used with another timezone, for another site folder, or when damaged', async () => {
    const dir = await recorded();
    assert.equal((await openParsedSources(dir, '/site', 'Europe/Berlin')).take(source.path, old), undefined);
    assert.equal((await openParsedSources(dir, '/other', 'UTC')).take(source.path, old), undefined);
    const folder = join(dir, 'sources-v2');
    const index = readdirSync(folder).find((name) => name.endsWith('.bin'))!;
    const bytes = readFileSync(join(folder, index));
    const damaged = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] ^= 1;
      return copy;
    };
    for (const copy of [damaged(bytes.length - 3), damaged(10), bytes.subarray(0, 70)]) {
      writeFileSync(join(folder, index), copy);
      assert.equal((await openParsedSources(dir, '/site', 'UTC')).take(source.path, old), undefined);
    }
  });

  it('lose only the sources whose segment of bodies is damaged', async () => {
    const dir = await recorded();
    const other = { ...source, path: 'content/posts/b.md', body: 'Another body.\n' };
    const second = await openParsedSources(dir, '/site', 'UTC');
    assert.ok(second.take(source.path, old));
    second.keep(other.path, old, other);
    await second.save(new Set([source.path, other.path]));
    const folder = join(dir, 'sources-v2');
    const segments = readdirSync(folder).filter((name) => name.endsWith('.seg'));
    assert.equal(segments.length, 2); // the first body's, and the one parsed since
    const first = segments.find((name) => readFileSync(join(folder, name), 'utf8') === source.body)!;
    writeFileSync(join(folder, first), 'Hello *thera*.\n');
    const third = await openParsedSources(dir, '/site', 'UTC');
    assert.equal(third.take(source.path, old), undefined);
    assert.equal(third.take(other.path, old)!.body, other.body);
  });

  it('copy the live bodies into one segment once the dead ones outweigh them', async () => {
    const dir = await recorded();
    for (let edit = 1; edit <= 6; edit++) {
      const parsed = await openParsedSources(dir, '/site', 'UTC');
      parsed.keep(source.path, old, { ...source, body: `Edit ${edit}.\n` });
      await parsed.save(new Set([source.path]));
    }
    const segments = readdirSync(join(dir, 'sources-v2')).filter((name) => name.endsWith('.seg'));
    assert.equal(segments.length, 1);
    assert.equal((await openParsedSources(dir, '/site', 'UTC')).take(source.path, old)!.body, 'Edit 6.\n');
  });

  it('still give a body whose segment another build removed since', async () => {
    const dir = await recorded();
    const taken = (await openParsedSources(dir, '/site', 'UTC')).take(source.path, old)!;
    const other = await openParsedSources(dir, '/site', 'UTC');
    other.keep(source.path, old, { ...source, body: 'Replaced.\n' });
    await other.save(new Set([source.path])); // the old body is dead: its segment is removed
    const segments = readdirSync(join(dir, 'sources-v2')).filter((name) => name.endsWith('.seg'));
    assert.deepEqual(segments.map((name) => readFileSync(join(dir, 'sources-v2', name), 'utf8')), ['Replaced.\n']);
    assert.equal(taken.body, source.body);
  });

  it('keep a body taken from the record (and never decoded) through the next save', async () => {
    const dir = await recorded();
    const other = { ...source, path: 'content/posts/b.md', body: 'Zwei Körper — ünïcode.\n' };
    const second = await openParsedSources(dir, '/site', 'UTC');
    assert.ok(second.take(source.path, old));
    second.keep(other.path, old, other);
    await second.save(new Set([source.path, other.path]));
    const third = await openParsedSources(dir, '/site', 'UTC');
    assert.equal(third.take(other.path, old)!.body, other.body);
    assert.equal(third.take(source.path, old)!.body, source.body);
  });

  it('drop the files a build no longer read', async () => {
    const dir = await recorded();
    const again = await openParsedSources(dir, '/site', 'UTC');
    await again.save(new Set());
    assert.equal((await openParsedSources(dir, '/site', 'UTC')).take(source.path, old), undefined);
  });
});
