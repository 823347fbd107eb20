import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { contentType } from '../src/serve/paths.ts';
import { launchChromium } from './support/chromium.ts';
import { searchSite } from './support/search-site.ts';
import { buildInMemory, post, ROOT } from './support/site.ts';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const CODE = '```ts\n// a comment, which themes like to make faint\nconst answer: number = 42; // and "strings"\n```\n';

/**
 * The site (German, search on, under /blog/) with a post that has code, tags and a
 * footnote, built by the real pipeline and served from memory as a static host would.
 */
describe('the default theme in Chromium', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  before(async () => {
    const dir = searchSite({ excerpts: true }, {
      'content/posts/2024-02-01-code.md': post(
        { title: 'Code und Fußnoten', categories: 'Technik', tags: '[TypeScript]' },
        `Ein Absatz mit Fußnote[^1].\n\n<!-- more -->\n\n## Beispiel\n\n${CODE}\n> Ein Zitat.\n\n[^1]: Die Fußnote.\n`,
      ),
    });
    const built = await buildInMemory(dir);
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname).replace(/^\/blog\//, '');
      const file = path === '' || path.endsWith('/') ? `${path}index.html` : path;
      const bytes = built.output.get(file);
      res.writeHead(bytes ? 200 : 404, { 'Content-Type': bytes ? contentType(file) : 'text/plain' });
      res.end(bytes ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/blog/`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('finds a post by a word in it and shows its title in the results', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}about/`);
    await page.fill('#site-search-input', 'Kastanie');
    const result = page.locator('.search-list a');
    await result.first().waitFor({ timeout: 15_000 });
    assert.deepEqual(await result.allTextContents(), ['Die Kastanie']);
    assert.equal(await result.first().getAttribute('href'), '/blog/2024/03/01/kastanie/');
    assert.match(await page.locator('.search-status').textContent() ?? '', /1 page found for “Kastanie”/);
    await page.fill('#site-search-input', 'Zebrastreifen');
    await page.waitForFunction(() => document.querySelector('.search-list a')?.textContent === 'Der Zebrastreifen');
    await page.close();
  });

  it('without JavaScript shows a link to the archive instead of the search box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base);
    const link = page.locator('.search-fallback');
    assert.equal(await link.isVisible(), true);
    assert.equal(await link.getAttribute('href'), '/blog/archive/');
    assert.equal(await page.locator('#site-search-input').count(), 0);
    await context.close();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core violations in ${colorScheme} mode`, async () => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      const found: string[] = [];
      for (const path of ['', '2024/02/01/code/', 'category/natur/', 'archive/', 'category/']) {
        await page.goto(`${base}${path}`);
        await page.addScriptTag({ content: AXE });
        const violations = await page.evaluate(async () => {
          const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
          const { violations } = await axe.run();
          return violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
        });
        for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
          found.push(`/${path}: ${v.id} (${v.impact}) at ${v.nodes.slice(0, 5).join(', ')}`);
        }
      }
      assert.deepEqual(found, []);
      await context.close();
    });
  }

  it('moves focus to the main content from the skip link, with a visible outline on the way', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.keyboard.press('Tab');
    const skip = page.locator('.skip-link');
    assert.equal(await skip.evaluate((a) => a === document.activeElement), true);
    assert.notEqual(await skip.evaluate((a) => getComputedStyle(a).outlineStyle), 'none');
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-main');
    await page.close();
  });
});

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}
