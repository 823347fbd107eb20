// Turns a generated corpus (bench/corpus.mjs) into one of page bundles with images: each post
// moves to <its name>/index.md, beside a 2,000 × 1,500 JPEG of its own that its body shows.
//
//   node bench/images.mjs SITE
//
// Prints the posts' new paths as JSON. Each picture is a different seeded pattern, so that no
// two share a cache entry, and the same run after run.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const IMAGE_WIDTH = 2000;
export const IMAGE_HEIGHT = 1500;

/** Bands, a gradient and a grid whose phase depends on `i`: detail for the encoders, no noise. */
function pixels(i) {
  const [w, h] = [IMAGE_WIDTH, IMAGE_HEIGHT];
  const out = Buffer.alloc(w * h * 3);
  const cell = 8 + (i % 40);
  for (let y = 0; y < h; y++) {
    const g = ((y + i * 7) * 255 / h) & 255;
    for (let x = 0; x < w; x++) {
      const at = (y * w + x) * 3;
      out[at] = ((x + i * 13) * 255 / w) & 255;
      out[at + 1] = g;
      out[at + 2] = (((x / cell) | 0) + ((y / cell) | 0)) % 2 ? 210 : 30;
    }
  }
  return out;
}

function postsUnder(dir) {
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.md')).sort();
}

export async function addImages(site) {
  const root = join(site, 'content', 'posts');
  const moved = [];
  for (const [i, file] of postsUnder(root).entries()) {
    const from = join(root, file);
    const bundle = from.replace(/\.md$/, '');
    mkdirSync(bundle, { recursive: true });
    const text = readFileSync(from, 'utf8');
    writeFileSync(join(bundle, 'index.md'), `${text}\n![A generated picture, number ${i + 1}](picture.jpg)\n`);
    rmSync(from);
    const raw = { width: IMAGE_WIDTH, height: IMAGE_HEIGHT, channels: 3 };
    await sharp(pixels(i), { raw }).jpeg({ quality: 90 }).toFile(join(bundle, 'picture.jpg'));
    moved.push(relative(site, join(bundle, 'index.md')));
  }
  return moved;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node bench/images.mjs SITE\n');
    process.exitCode = 64;
  } else process.stdout.write(`${JSON.stringify(await addImages(process.argv[2]))}\n`);
}
