import assert from 'node:assert/strict';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newPost } from '../src/scaffold/new-post.ts';
import { type DevServer, serve } from '../src/serve/server.ts';
import { config, post, writeSite } from './support/site.ts';

/** A GET with the path sent exactly as given (fetch would normalise dot segments first). */
function rawGet(
  base: string,
  path: string,
): Promise<{ status: number; type: string; location?: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on(
        'end',
        () =>
          resolve({
            status: res.statusCode!,
            type: String(res.headers['content-type']),
            location: res.headers.location,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the next server-sent event name on a page's stream. */
function nextEvent(base: string, page: string): { event: Promise<string>; close: () => void } {
  const { hostname, port } = new URL(base);
  let close = () => {};
  const event = new Promise<string>((resolve, reject) => {
    const req = request({ hostname, port, path: `/__colophon/events?page=${encodeURIComponent(page)}` }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const name = /event: (\w+)/.exec(chunk)?.[1];
        if (name) resolve(name);
      });
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.end();
    close = () => req.destroy();
  });
  return { event, close };
}

describe('colophon serve', () => {
  let dir: string;
  let server: DevServer;
  let origin: string;
  const logs: string[] = [];

  before(async () => {
    dir = writeSite({
      'site.config.ts': config({ url: 'https://example.org/blog/', postsPerPage: 2, timezone: 'Europe/Berlin' }),
      'content/posts/2020-01-01-first.md': post({ title: 'First', categories: 'One' }, 'The first words.\n'),
      'content/posts/2020-01-02-second.md': post({ title: 'Second', categories: 'One' }, 'The second words.\n'),
      'content/about.md': post({ title: 'About' }, 'About text.\n'),
      'public/style.css': 'body { color: black }\n',
      'public/404.html': '<!DOCTYPE html><title>Lost</title><body><p>This site has no such page.</p></body>',
    });
    server = await serve(dir, { port: 0, host: '127.0.0.1', log: (l) => logs.push(l) });
    origin = new URL(server.url).origin;
  });
  after(() => server.close());

  it('serves pages from memory under the site path with the right types and the live-reload client', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/blog\/$/);
    const home = await rawGet(origin, '/blog/');
    assert.equal(home.status, 200);
    assert.equal(home.type, 'text/html; charset=utf-8');
    assert.match(home.body, /The second words\./);
    assert.match(home.body, /<script data-colophon-dev>[^]*EventSource[^]*<\/script><\/body>/);
    assert.equal((await rawGet(origin, '/blog/feed/atom.xml')).type, 'application/atom+xml; charset=utf-8');
    const css = await rawGet(origin, '/blog/style.css');
    assert.deepEqual([css.status, css.type, css.body], [200, 'text/css; charset=utf-8', 'body { color: black }\n']);
    assert.doesNotMatch(css.body, /colophon-dev/);
  });

  it('redirects a folder without its slash and the root to the site path', async () => {
    assert.deepEqual(await rawGet(origin, '/blog/about').then((r) => [r.status, r.location]), [301, '/blog/about/']);
    assert.deepEqual(await rawGet(origin, '/').then((r) => [r.status, r.location]), [301, '/blog/']);
    assert.deepEqual(await rawGet(origin, '/blog').then((r) => [r.status, r.location]), [301, '/blog/']);
  });

  it("answers unknown paths with the site's 404 page", async () => {
    const missing = await rawGet(origin, '/blog/no/such/page/');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /This site has no such page\./);
  });

  it('never serves anything outside the output', async () => {
    const attempts = [
      '/blog/../../../../etc/passwd',
      '/blog/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/blog/..%2f..%2f..%2fetc%2fpasswd',
      '/blog/%2E%2E%5C%2E%2E%5Cetc%5Cpasswd',
      '/blog/about%00.html',
      '/blog/about/%00',
      '//etc/passwd',
      '/blog//etc/passwd',
      '/blog/..\\..\\etc\\passwd',
      '/blog/%252e%252e/etc/passwd',
    ];
    for (const path of attempts) {
      const res = await rawGet(origin, path);
      assert.ok([400, 404].includes(res.status), `${path} gave ${res.status}`);
      assert.doesNotMatch(res.body, /root:/, path);
    }
  });

  it('tells an open page to reload when its bytes change, and serves the new text', async () => {
    const stream = nextEvent(origin, '/blog/2020/01/01/first/');
    await rawGet(origin, '/blog/2020/01/01/first/');
    writeFileSync(
      join(dir, 'content/posts/2020-01-01-first.md'),
      post({ title: 'First', categories: 'One' }, 'Edited words.\n'),
    );
    assert.equal(await stream.event, 'reload');
    stream.close();
    assert.match((await rawGet(origin, '/blog/2020/01/01/first/')).body, /Edited words\./);
  });

  it('serves the second of two saves made within a few milliseconds of each other', async () => {
    const target = join(dir, 'content/posts/2020-01-02-second.md');
    writeFileSync(target, post({ title: 'Second', categories: 'One' }, 'First save.\n'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(target, post({ title: 'Second', categories: 'One' }, 'Second save.\n'));
    await server.settled();
    assert.match((await rawGet(origin, '/blog/2020/01/02/second/')).body, /Second save\./);
  });

  it('survives an atomic save (write a temporary file, rename it over the post)', async () => {
    const target = join(dir, 'content/posts/2020-01-02-second.md');
    writeFileSync(`${target}.tmp~`, post({ title: 'Second', categories: 'One' }, 'Saved atomically.\n'));
    renameSync(`${target}.tmp~`, target);
    await server.settled();
    assert.match((await rawGet(origin, '/blog/2020/01/02/second/')).body, /Saved atomically\./);
  });

  it('shows an overlay naming the file and line of broken front matter, keeps the last good page, and recovers', async () => {
    const file = join(dir, 'content/posts/2020-01-01-first.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, '---\ntitle: First\ncategories: [One\ndate: 2020-01-01\n---\nBroken.\n');
    await server.settled();
    const broken = await rawGet(origin, '/blog/2020/01/01/first/');
    assert.match(broken.body, /id="colophon-overlay"/);
    assert.match(broken.body, /content\/posts\/2020-01-01-first\.md:4:1/);
    assert.match(broken.body, /Edited words\./, 'the last good page is still served');
    writeFileSync(file, good);
    await server.settled();
    assert.doesNotMatch((await rawGet(origin, '/blog/2020/01/01/first/')).body, /colophon-overlay/);
  });

  it('shows a new post on the index, and drops a deleted one', async () => {
    writeFileSync(join(dir, 'content/posts/2020-01-03-third.md'), post({ title: 'Third post' }, 'Brand new.\n'));
    await server.settled();
    assert.match((await rawGet(origin, '/blog/')).body, /Third post/);
    assert.equal((await rawGet(origin, '/blog/2020/01/03/third/')).status, 200);
    rmSync(join(dir, 'content/posts/2020-01-03-third.md'));
    await server.settled();
    assert.equal((await rawGet(origin, '/blog/2020/01/03/third/')).status, 404);
    assert.doesNotMatch((await rawGet(origin, '/blog/')).body, /Third post/);
  });

  it('swaps the stylesheet without a reload when only CSS changed', async () => {
    const stream = nextEvent(origin, '/blog/');
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(join(dir, 'public/style.css'), 'body { color: navy }\n');
    assert.equal(await stream.event, 'css');
    stream.close();
    assert.equal((await rawGet(origin, '/blog/style.css')).body, 'body { color: navy }\n');
  });
});

describe('serve right after it starts', () => {
  it('sees a save made as soon as serve() resolves, in a site without layouts/ or public/', async () => {
    const files: Record<string, string> = { 'site.config.ts': config({ timezone: 'UTC' }) };
    for (let i = 0; i < 400; i++) {
      files[`content/posts/p${String(i).padStart(3, '0')}.md`] = post({ title: `P${i}`, date: '2020-01-01' });
    }
    const dir = writeSite(files);
    const server = await serve(dir, { port: 0, host: '127.0.0.1' });
    try {
      writeFileSync(join(dir, 'content/posts/p399.md'), post({ title: 'P399', date: '2020-01-01' }, 'Saved early.\n'));
      await server.settled();
      const page = await rawGet(new URL(server.url).origin, '/2020/01/01/p399/');
      assert.match(page.body, /Saved early\./);
    } finally {
      await server.close();
    }
  });
});

describe('serve on a busy port', () => {
  it('says so and takes the next free port', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const busy = (blocker.address() as AddressInfo).port;
    const logs: string[] = [];
    const dir = writeSite({ 'site.config.ts': config({}) });
    const server = await serve(dir, { port: busy, host: '127.0.0.1', log: (l) => logs.push(l) });
    try {
      assert.notEqual(new URL(server.url).port, String(busy));
      assert.ok(
        logs.some((l) => l === `port ${busy} is busy; using ${new URL(server.url).port} instead`),
        logs.join('\n'),
      );
    } finally {
      await server.close();
      blocker.close();
    }
  });
});

describe('colophon new', () => {
  it('writes a post dated now in the site timezone, and refuses to overwrite it', async () => {
    const dir = writeSite({ 'site.config.ts': config({ timezone: 'Pacific/Auckland' }) });
    const now = Date.UTC(2024, 11, 31, 20, 5); // already 2025-01-01 09:05 in Auckland
    const path = await newPost(dir, 'Hello, Wörld!', { categories: ['Notes', 'C++'], draft: true, now });
    assert.equal(path, 'content/posts/2025/2025-01-01-hello-world.md');
    assert.equal(
      readFileSync(join(dir, path), 'utf8'),
      '---\ntitle: "Hello, Wörld!"\ndate: 2025-01-01 09:05\ncategories: ["Notes", "C++"]\ndraft: true\n---\n\nWrite here.\n',
    );
    await assert.rejects(newPost(dir, 'Hello, Wörld!', { categories: [], draft: false, now }), /already exists/);
  });
});
