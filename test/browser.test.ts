import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { type DevServer, serve } from '../src/serve/server.ts';
import { launchChromium } from './support/chromium.ts';
import { config, post, writeSite } from './support/site.ts';

describe('colophon serve in a real browser', () => {
  let dir: string;
  let server: DevServer;
  let browser: Browser;
  let page: Page;
  const postFile = () => join(dir, 'content/posts/2021-05-01-hello.md');

  before(async () => {
    dir = writeSite({
      'site.config.ts': config({ title: 'Live', postsPerPage: 5 }),
      'content/posts/2021-05-01-hello.md': post({ title: 'Hello', categories: 'Notes' }, 'Original text.\n'),
    });
    server = await serve(dir, { port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    page = await browser.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const bodyText = () => page.evaluate(() => document.body.innerText);
  const waitForText = (text: string) =>
    page.waitForFunction((t) => document.body.innerText.includes(t), text, { timeout: 15_000 });

  it('reloads an open post when its file is saved', async () => {
    await page.goto(`${server.url}2021/05/01/hello/`);
    assert.match(await bodyText(), /Original text\./);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    writeFileSync(postFile(), post({ title: 'Hello', categories: 'Notes' }, 'Changed in the editor.\n'));
    await waitForText('Changed in the editor.');
    const marker = await page.evaluate(() => (window as unknown as { marker?: number }).marker);
    assert.equal(marker, undefined, 'the page was reloaded, not patched');
  });

  it('shows an overlay naming the file and line when the front matter breaks, and recovers when fixed', async () => {
    const good = readFileSync(postFile(), 'utf8');
    writeFileSync(postFile(), '---\ntitle: Hello\ncategories: [Notes\ndate: 2021-05-01\n---\nBroken.\n');
    await page.waitForSelector('#colophon-overlay', { timeout: 15_000 });
    const overlay = await page.textContent('#colophon-overlay');
    assert.match(overlay!, /content\/posts\/2021-05-01-hello\.md:4:1/);
    assert.match(overlay!, /invalid YAML/);
    writeFileSync(postFile(), good);
    await page.waitForSelector('#colophon-overlay', { state: 'detached', timeout: 15_000 });
    assert.match(await bodyText(), /Changed in the editor\./);
  });

  it('shows a new post on the open index page', async () => {
    await page.goto(server.url);
    assert.doesNotMatch(await bodyText(), /A second post/);
    writeFileSync(join(dir, 'content/posts/2021-06-01-second.md'), post({ title: 'A second post' }, 'More.\n'));
    await waitForText('A second post');
  });
});
