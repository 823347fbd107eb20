import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { serve } from '../src/serve/server.ts';
import { picture, writeBytes } from './support/image-site.ts';
import { buildFails, buildInMemory, cli, config, post, writeSite } from './support/site.ts';

const PICTURE =
  /<picture><source type="image\/webp" srcset="([^"]*)" sizes="100vw"><img src="([^"]*)" srcset="([^"]*)"[^>]*>/;

/** The widths a srcset offers, and its URLs. */
const candidates = (srcset: string) => srcset.split(', ').map((c) => c.split(' '));
const attr = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1];

async function tripSite(fields: Record<string, unknown> = {}) {
  const dir = writeSite({
    'site.config.ts': config({ url: 'https://example.org/blog/', ...fields }),
    'content/posts/2024-05-01-trip/index.md': post(
      { title: 'Trip', image: 'photo.png' },
      'First words.\n\n![A wide photo](photo.png)\n\n![again](./photo.png "Again")\n',
    ),
  });
  writeBytes(dir, { 'content/posts/2024-05-01-trip/photo.png': await picture(2400, 1600, 'png') });
  return dir;
}

describe('page bundles and responsive images', () => {
  it('publishes a bundle with a 2,400 × 1,600 PNG in several widths, none wider, with width and height', async () => {
    const built = await buildInMemory(await tripSite());
    const page = built.read('2024/05/01/trip/index.html'); // slug and date from the folder's name
    assert.ok(built.has('2024/05/01/trip/photo.png'), 'the original is published beside the page');
    const [tag, webp, src, srcset] = PICTURE.exec(page)!;
    const widths = candidates(srcset!).map(([, w]) => Number.parseInt(w!));
    assert.ok(widths.length >= 2 && widths.every((w) => w <= 2400), `widths ${widths}`);
    assert.deepEqual(candidates(webp!).map(([, w]) => w), candidates(srcset!).map(([, w]) => w));
    for (const [url, w] of [...candidates(srcset!), ...candidates(webp!)]) {
      const bytes = built.output.get(url!.replace('/blog/', ''))!;
      const meta = await sharp(bytes).metadata();
      assert.equal(`${meta.width}w`, w);
      assert.equal(meta.format, url!.endsWith('.webp') ? 'webp' : 'png');
      assert.equal(meta.exif, undefined);
    }
    const [width, height] = [Number(attr(tag, 'width')), Number(attr(tag, 'height'))];
    assert.equal(width, Math.max(...widths));
    assert.equal(height, width * 2 / 3);
    assert.equal(src, candidates(srcset!).at(-1)![0]);
    assert.equal(attr(tag, 'alt'), 'A wide photo');
    // The first image on its own page loads at once; the second, and every one on lists, lazily.
    assert.equal(attr(tag, 'loading'), undefined);
    assert.equal([...page.matchAll(/loading="lazy" decoding="async"/g)].length, 1);
    const index = built.read('index.html');
    assert.equal([...index.matchAll(/<img [^>]*loading="lazy" decoding="async">/g)].length, 2);
    assert.match(
      page,
      /<meta property="og:image" content="https:\/\/example.org\/blog\/2024\/05\/01\/trip\/photo-1920w.png">/,
    );
    assert.match(
      built.read('feed/atom.xml'),
      /srcset="https:\/\/example.org\/blog\/2024\/05\/01\/trip\/photo-640w.webp 640w, /,
    );
  });

  it('never upscales, and leaves GIF, SVG and remote images as they are', async () => {
    const dir = writeSite({
      'content/about/index.md': post(
        { title: 'About' },
        '![small](me.jpg) ![g](dot.gif) ![s](logo.svg) ![r](https://cdn.example.net/x.png)\n',
      ),
      'content/about/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    });
    writeBytes(dir, { 'content/about/me.jpg': await picture(500, 250, 'jpeg'), 'content/about/dot.gif': gif() });
    const page = (await buildInMemory(dir)).read('about/index.html');
    assert.match(
      page,
      /<img src="\/about\/me-500w.jpg" srcset="\/about\/me-500w.jpg 500w" sizes="100vw" width="500" height="250"/,
    );
    assert.match(page, /<img src="dot.gif" alt="g"> <img src="logo.svg" alt="s">/);
    assert.match(page, /<img src="https:\/\/cdn.example.net\/x.png" alt="r">/);
  });

  it('is switched off with images: false', async () => {
    const built = await buildInMemory(await tripSite({ images: false }));
    assert.match(
      built.read('2024/05/01/trip/index.html'),
      /<img src="\/blog\/2024\/05\/01\/trip\/photo.png" alt="A wide photo">/,
    );
    assert.equal(built.has('2024/05/01/trip/photo-640w.webp'), false);
    assert.deepEqual(built.images, { total: 0, processed: 0 });
  });

  it('processes each image once, and none in a warm build; a changed image changes its pages', async () => {
    const dir = await tripSite();
    const summary = () => {
      const run = cli(['build', dir, '--json']);
      assert.equal(run.status, 0, run.stderr);
      return JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    };
    assert.deepEqual(summary().images, { total: 1, processed: 1 });
    assert.deepEqual(summary().images, { total: 1, processed: 0 });
    assert.match(cli(['build', dir]).stdout, /, 1 image \(0 processed\) in /);
    writeBytes(dir, { 'content/posts/2024-05-01-trip/photo.png': await picture(900, 900, 'png') });
    assert.deepEqual(summary().images, { total: 1, processed: 1 });
    const page = cli(['build', dir]) && (await buildInMemory(dir)).read('2024/05/01/trip/index.html');
    assert.match(
      page,
      /srcset="\/blog\/2024\/05\/01\/trip\/photo-640w.png 640w, \/blog\/2024\/05\/01\/trip\/photo-900w.png 900w"/,
    );
    assert.match(page, /width="900" height="900"/);
  });

  it('reports a missing, unreadable, broken or huge image as E_IMAGE with the post and line', async () => {
    const dir = writeSite({
      'content/posts/2024-05-01-a/index.md': post(
        { title: 'A' },
        'Text.\n\n![gone](gone.png)\n\n![text](notes.jpg)\n\n![huge](huge.png)\n',
      ),
      'content/posts/2024-05-01-a/notes.jpg': 'not a picture\n',
      'content/posts/2024-05-02-b.md': post({ title: 'B', image: '/img/missing.webp' }),
    });
    writeBytes(dir, { 'content/posts/2024-05-01-a/huge.png': hugePng(20000, 20000) });
    const failure = await buildFails(dir);
    assert.deepEqual(failure.errors.map((e) => [e.code, e.file, e.line]), [
      ['E_IMAGE', 'content/posts/2024-05-01-a/index.md', 6],
      ['E_IMAGE', 'content/posts/2024-05-01-a/index.md', 8],
      ['E_IMAGE', 'content/posts/2024-05-01-a/index.md', 10],
      ['E_IMAGE', 'content/posts/2024-05-02-b.md', 3],
    ]);
    const [gone, text, huge, missing] = failure.errors.map((e) => e.message);
    // A header that reads well over pixels that are cut off fails when the pixels are read.
    writeSite({ 'content/posts/2024-05-01-a/index.md': post({ title: 'A' }, 'Cut:\n\n![cut](cut.jpg)\n') }, dir);
    writeBytes(dir, { 'content/posts/2024-05-01-a/cut.jpg': (await picture(800, 600, 'jpeg')).subarray(0, 3000) });
    writeSite({ 'content/posts/2024-05-02-b.md': post({ title: 'B' }) }, dir);
    const cut = await buildFails(dir);
    assert.deepEqual(cut.errors.map((e) => [e.code, e.file, e.line]), [
      ['E_IMAGE', 'content/posts/2024-05-01-a/index.md', 6],
    ]);
    assert.match(cut.errors[0]!.message, /"cut.jpg" cannot be shown: it cannot be decoded/);
    assert.match(gone!, /"gone.png" cannot be shown: no file is published at \/2024\/05\/01\/a\/gone.png/);
    assert.match(text!, /"notes.jpg" cannot be shown: it is not an image that can be read/);
    assert.match(huge!, /it is 20000 × 20000 pixels, more than the 16383 × 16383/);
    assert.match(missing!, /"\/img\/missing.webp" cannot be shown: no file is published/);
  });

  it('is served by colophon serve, which follows edits to an image', async () => {
    const dir = await tripSite();
    const server = await serve(dir, { port: 0, host: '127.0.0.1', log: () => {} });
    try {
      const get = (path: string) => fetch(new URL(path, server.url));
      const small = await get('/blog/2024/05/01/trip/photo-640w.webp');
      assert.equal(small.headers.get('content-type'), 'image/webp');
      assert.equal((await sharp(new Uint8Array(await small.arrayBuffer())).metadata()).width, 640);
      writeBytes(dir, { 'content/posts/2024-05-01-trip/photo.png': await picture(800, 400, 'png') });
      // On a busy machine the file watcher can report the edit after settled()'s quiet period:
      // wait for the rebuild it triggers (up to 15 s), then check the page.
      const resized = /photo-800w.png" srcset="[^"]*" sizes="100vw" width="800" height="400"/;
      let page = '';
      for (let tries = 0; tries < 60 && !resized.test(page); tries++) {
        await server.settled();
        page = await (await get('/blog/2024/05/01/trip/')).text();
      }
      assert.match(page, resized);
      assert.equal((await get('/blog/2024/05/01/trip/photo-800w.webp')).status, 200);
    } finally {
      await server.close();
    }
  });

  it('reports two bundles that publish a file to the same path as a collision', async () => {
    const dir = writeSite({
      'content/posts/2024-05-01-a/index.md': post({ title: 'A', permalink: '/a/' }),
      'content/posts/2024-05-01-a/b/x.txt': 'one\n',
      'content/posts/2024-05-02-b/index.md': post({ title: 'B', permalink: '/a/b/' }),
      'content/posts/2024-05-02-b/x.txt': 'two\n',
    });
    const failure = await buildFails(dir);
    assert.deepEqual(failure.errors.map((e) => e.code), ['E_COLLISION']);
    assert.match(
      failure.errors[0]!.message,
      /content\/posts\/2024-05-01-a\/b\/x.txt and content\/posts\/2024-05-02-b\/x.txt would all be written to a\/b\/x.txt/,
    );
  });
});

function gif(): Uint8Array {
  return Buffer.from('R0lGODlhAQABAAAAACw=', 'base64');
}

/**
 * A black 1-bit PNG of that size: a few kilobytes on disk (its rows compress to almost nothing),
 * 400 megapixels when decoded.
 */
function hugePng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // 1 bit, greyscale
  const rows = deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * height));
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', rows), chunk('IEND', Buffer.alloc(0))]);
}
