import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { rebuild } from '../src/build.ts';
import { picture, writeBytes } from './support/image-site.ts';
import { buildInMemory, config, listTree, post, writeSite } from './support/site.ts';

/** The output folder of `dir` against a clean build of a copy of its sources, file by file. */
async function assertAsClean(dir: string, what: string): Promise<void> {
  const copy = mkdtempSync(join(tmpdir(), 'colophon-clean-'));
  for (const part of ['site.config.ts', 'content', 'public']) {
    cpSync(join(dir, part), join(copy, part), { recursive: true });
  }
  const clean = await buildInMemory(copy, { cache: false });
  const written = listTree(join(dir, 'dist'));
  assert.deepEqual([...written].sort(), [...clean.paths].sort(), what);
  for (const path of written) {
    const bytes = readFileSync(join(dir, 'dist', path));
    assert.ok(Buffer.from(clean.output.get(path)!).equals(bytes), `${path} differs from a clean build ${what}`);
  }
}

describe('a rebuild after an image changes', () => {
  it('re-renders the pages that show an image whose size changed, as a clean build does', async () => {
    const dir = writeSite({
      'site.config.ts': config({ title: 'Photos', timezone: 'UTC', highlight: false }),
      'content/posts/2024-05-01-trip/index.md': post({ title: 'Trip', image: 'photo.png' }, '![A photo](photo.png)\n'),
      'content/posts/2024-05-02-home.md': post({ title: 'Home' }, '![Banner](/banner.jpg)\n'),
    });
    const photo = 'content/posts/2024-05-01-trip/photo.png';
    writeBytes(dir, { [photo]: await picture(1400, 700, 'png'), 'public/banner.jpg': await picture(800, 200, 'jpeg') });
    await rebuild(dir);
    const before = readFileSync(join(dir, 'dist/2024/05/01/trip/index.html'), 'utf8');
    assert.match(before, /width="1400" height="700"/);

    writeBytes(dir, { [photo]: await picture(700, 700, 'png') }); // same name, another size
    const summary = await rebuild(dir);
    assert.equal(summary.upToDate, false);
    assert.match(readFileSync(join(dir, 'dist/2024/05/01/trip/index.html'), 'utf8'), /width="700" height="700"/);
    await assertAsClean(dir, 'after the bundle image changed size');

    writeBytes(dir, { 'public/banner.jpg': await picture(1000, 500, 'jpeg') }); // an image from public/
    await rebuild(dir);
    assert.match(readFileSync(join(dir, 'dist/2024/05/02/home/index.html'), 'utf8'), /width="1000" height="500"/);
    await assertAsClean(dir, 'after the public/ image changed size');
  });
});
