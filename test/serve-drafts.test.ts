import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { all, buildInMemory, config, post, ROOT, runCli, writeSite } from './support/site.ts';

const FAR_FUTURE = '2999-01-01 10:00';

function site(): string {
  return writeSite({
    'site.config.ts': config({ title: 'T', url: 'https://example.org/blog/' }),
    'content/posts/done.md': post({ title: 'Done', date: '2020-01-01' }),
    'content/posts/wip.md': post({ title: 'Work in progress', date: '2020-01-02', draft: 'true' }),
    'content/posts/later.md': post({ title: 'Later', date: FAR_FUTURE }),
  });
}

const children: ChildProcess[] = [];
after(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
});

/** Starts `colophon serve` on a free port through the compiled CLI; resolves with its root URL. */
async function startServe(args: string[]): Promise<string> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/colophon.js'), 'serve', ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => (out += chunk));
  for (;;) {
    const url = /at (http:\/\/\S+) /.exec(out)?.[1];
    if (url) return url;
    if (child.exitCode !== null) throw new Error(`serve exited: ${out}`);
    await once(child.stdout!, 'data');
  }
}

const titlesIn = (html: string) => all(html, /<h2 class="entry-title"><a [^>]*>([^<]*)</g);

describe('colophon serve: drafts and scheduled posts', () => {
  it('shows drafts by default, marked as drafts, and future posts marked as scheduled', async () => {
    const url = await startServe([site()]);
    const index = await (await fetch(url)).text();
    assert.deepEqual(titlesIn(index), ['Later', 'Work in progress', 'Done']);
    assert.match(
      index,
      /<article class="entry draft">\s*<h2 class="entry-title"><a href="\/blog\/2020\/01\/02\/wip\/">Work in progress<\/a><\/h2>/,
    );
    assert.match(
      index,
      /<article class="entry scheduled">\s*<h2 class="entry-title"><a href="\/blog\/2999\/01\/01\/later\/">Later<\/a> <span class="entry-mark">\(scheduled\)<\/span><\/h2>/,
    );
    assert.match(
      await (await fetch(`${url}2999/01/01/later/`)).text(),
      /<h1 class="entry-title">Later <span class="entry-mark">\(scheduled\)<\/span><\/h1>/,
    );
    assert.match(
      await (await fetch(`${url}archive/`)).text(),
      /Later<\/a> <span class="entry-mark">\(scheduled\)<\/span>/,
    );
  });

  it('leaves drafts out with --no-drafts', async () => {
    const url = await startServe([site(), '--no-drafts']);
    assert.deepEqual(titlesIn(await (await fetch(url)).text()), ['Later', 'Done']);
  });

  it('has no --drafts, which would mean nothing here, and --no-drafts is for serve only', async () => {
    const served = await runCli(['serve', site(), '--drafts']);
    assert.equal(served.code, 1);
    assert.match(
      served.err,
      /^error: serve shows drafts already \(--no-drafts leaves them out\)\nRun "colophon --help"/,
    );
    const built = await runCli(['build', site(), '--no-drafts']);
    assert.equal(built.code, 1);
    assert.match(built.err, /^error: --no-drafts is for serve; build leaves drafts out anyway/);
    const help = (await runCli(['--help'])).out;
    assert.match(help, /--drafts {5}build, verify: include posts/);
    assert.match(help, /\[--port 4000\] \[--host 127\.0\.0\.1\] \[--no-drafts\] \[--open\]/);
  });

  it('never marks anything scheduled in a build', async () => {
    const built = await buildInMemory(site(), { drafts: true });
    assert.deepEqual(titlesIn(built.read('index.html')), ['Later', 'Work in progress', 'Done']);
    assert.doesNotMatch(built.read('index.html'), /scheduled/);
    assert.doesNotMatch(built.read('archive/index.html'), /scheduled/);
  });
});
