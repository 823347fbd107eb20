import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { config, post, writeSite } from './site.ts';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'avif';

/**
 * A picture with detail for the encoders to work on (bands and a gradient, no noise), in a format;
 * the same bytes every time. `orientation` writes an EXIF orientation tag the engine must apply.
 */
export async function picture(width: number, height: number, format: ImageFormat, orientation?: number) {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      pixels[at] = (x * 255 / width) | 0;
      pixels[at + 1] = (y * 255 / height) | 0;
      pixels[at + 2] = ((x >> 5) + (y >> 5)) % 2 ? 200 : 40;
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels: 3 } });
  if (orientation) image.withMetadata({ orientation });
  return image.toFormat(format).toBuffer();
}

export function writeBytes(dir: string, files: Record<string, Uint8Array>): void {
  for (const [path, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}

/**
 * A blog under a sub-path whose posts are bundles with images of every format the engine resizes,
 * one in public/, a GIF and an SVG passed through, and a remote image left alone.
 */
export async function imageSite(): Promise<string> {
  const dir = writeSite({
    'site.config.ts': config({ title: 'Bilder', url: 'https://example.org/blog/' }),
    'content/posts/2024-05-01-trip/index.md': post(
      { title: 'Trip', image: 'photo.png' },
      '![A wide photo](photo.png)\n\n![banner](/img/banner.jpg)\n\n![dot](dot.gif) ![logo](logo.svg)\n\n' +
        '![remote](https://cdn.example.net/a.png)\n',
    ),
    'content/posts/2024-05-02-food/index.md': post(
      { title: 'Food' },
      '![soup](soup.webp)\n\n![bread](pics/bread.avif)\n\n![turned](turned.jpg)\n',
    ),
    'content/posts/2024-05-01-trip/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
  });
  writeBytes(dir, {
    'content/posts/2024-05-01-trip/photo.png': await picture(1300, 800, 'png'),
    'content/posts/2024-05-01-trip/dot.gif': Buffer.from('R0lGODlhAQABAAAAACw=', 'base64'),
    'public/img/banner.jpg': await picture(1000, 300, 'jpeg'),
    'content/posts/2024-05-02-food/soup.webp': await picture(700, 500, 'webp'),
    'content/posts/2024-05-02-food/pics/bread.avif': await picture(700, 400, 'avif'),
    'content/posts/2024-05-02-food/turned.jpg': await picture(600, 400, 'jpeg', 6),
  });
  return dir;
}
