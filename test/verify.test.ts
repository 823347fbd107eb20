import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildOk, config, post, runCli as run, writeSite } from './support/site.ts';

function site(): string {
  return writeSite({
    'site.config.ts': config({ title: 'Verify me', postsPerPage: 2 }),
    'content/posts/a.md': post({ title: 'A', date: '2020-01-01', categories: 'One' }),
    'content/posts/b.md': post({ title: 'B', date: '2020-01-02', categories: 'Two' }),
    'content/posts/c.md': post({ title: 'Ünïcode', date: '2020-01-03', categories: 'Ελληνικά' }),
    'public/app.css': 'body { color: black }\n',
  });
}

/** A deployed copy: the built output copied to another folder. */
async function deployedCopy(): Promise<{ dir: string; deployed: string }> {
  const dir = site();
  await buildOk(dir);
  const deployed = mkdtempSync(join(tmpdir(), 'colophon-deployed-'));
  cpSync(join(dir, 'dist'), deployed, { recursive: true });
  return { dir, deployed };
}

function flipOneByte(file: string): void {
  const bytes = readFileSync(file);
  bytes[bytes.length - 2] ^= 1;
  writeFileSync(file, bytes);
}

describe('colophon verify against a folder', () => {
  it('passes when every file is identical', async () => {
    const { dir, deployed } = await deployedCopy();
    const result = await run(['verify', dir, deployed]);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /^Rebuilt 19 files in memory: sha256:[0-9a-f]{64}$/m);
    assert.match(result.out, /^19 identical, 0 different, 0 missing, 0 failed, 0 extra$/m);
  });

  it('names exactly the file with one changed byte, and the missing and extra ones', async () => {
    const { dir, deployed } = await deployedCopy();
    flipOneByte(join(deployed, 'feed/atom.xml'));
    rmSync(join(deployed, 'app.css'));
    writeFileSync(join(deployed, 'stray.html'), 'left over\n');
    const result = await run(['verify', dir, deployed]);
    assert.equal(result.code, 1);
    const listed = result.out.split('\n').filter((l) => l.startsWith('  '));
    assert.deepEqual(listed, ['  different  feed/atom.xml', '  missing    app.css', '  extra      stray.html']);
    assert.match(result.out, /does not match these sources/);
  });

  it('lists extra files without failing, unless --strict', async () => {
    const { dir, deployed } = await deployedCopy();
    writeFileSync(join(deployed, 'google1234.html'), 'verification\n');
    assert.equal((await run(['verify', dir, deployed])).code, 0);
    const strict = await run(['verify', dir, deployed, '--strict']);
    assert.equal(strict.code, 1);
    assert.match(strict.out, /extra {6}google1234\.html/);
  });
});

describe('colophon verify with a published manifest', () => {
  it('rebuilds the manifest too, so a deployed copy that carries it passes', async () => {
    const dir = writeSite({
      'site.config.ts': config({ publishManifest: true }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
    });
    await buildOk(dir);
    const result = await run(['verify', dir, join(dir, 'dist')]);
    assert.equal(result.code, 0, result.out);
    assert.match(result.out, /^9 identical, 0 different/m);
  });
});

describe('colophon verify against a URL', () => {
  let server: Server;
  let base: string;
  let deployed: string;
  let dir: string;

  before(async () => {
    ({ dir, deployed } = await deployedCopy());
    // A minimal static host serving the deployed copy.
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url!, 'http://x').pathname)).replace(/^\/+/, '');
      try {
        res.end(readFileSync(join(deployed, path)));
      } catch {
        res.statusCode = 404;
        res.end('not found');
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  after(() => server.close());

  it('passes when the served site is identical, non-ASCII paths included', async () => {
    const result = await run(['verify', dir, base]);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /^19 identical, 0 different, 0 missing, 0 failed, 0 extra$/m);
  });

  it('names exactly the tampered file', async () => {
    const file = join(deployed, '2020/01/02/b/index.html');
    const original = readFileSync(file);
    flipOneByte(file);
    try {
      const result = await run(['verify', dir, base]);
      assert.equal(result.code, 1);
      assert.deepEqual(result.out.split('\n').filter((l) => l.startsWith('  ')), [
        '  different  2020/01/02/b/index.html',
      ]);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('gives one clear error for a host that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const result = await run(['verify', dir, `http://127.0.0.1:${port}/`]);
    assert.equal(result.code, 1);
    assert.match(
      result.err,
      new RegExp(`error\\[E_VERIFY_UNREACHABLE\\]: could not reach http://127.0.0.1:${port}/: ECONNREFUSED`),
    );
    assert.doesNotMatch(result.err, /\n\s+at /);
  });
});
