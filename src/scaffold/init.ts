import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ColophonError } from '../lib/errors.ts';
import { createZone, isValidTimezone, pad, type WallTime } from '../lib/zone.ts';

export interface InitOptions {
  /** Write into a folder that already has files (ours replace theirs of the same name). */
  force: boolean;
  /** The clock, read once: the first post is dated now. */
  now?: number;
  /** The new site's timezone; by default the machine's, when it is an IANA name. */
  timezone?: string;
}

/** A new site: site.config.ts, a first post and a README. Returns the files written, site-relative. */
export async function initSite(dir: string, options: InitOptions): Promise<string[]> {
  if (!options.force && existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new ColophonError('E_INIT_NOT_EMPTY', `${dir} is not empty`, {
      hint: 'choose a new or empty folder, or add --force to write the new files beside the ones there',
    });
  }
  const timezone = options.timezone ?? machineTimezone();
  const wall = createZone(timezone).wallTime(options.now ?? Date.now());
  const files = starterFiles(timezone, wall);
  for (const [path, text] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return [...files.keys()];
}

function machineTimezone(): string {
  const name = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return name && isValidTimezone(name) ? name : 'UTC';
}

function starterFiles(timezone: string, wall: WallTime): Map<string, string> {
  const day = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  return new Map([
    ['site.config.ts', CONFIG.replace('{timezone}', timezone)],
    [
      `content/posts/${wall.year}/${day}-hello-world.md`,
      FIRST_POST.replace('{date}', `${day} ${pad(wall.hour)}:${pad(wall.minute)}`),
    ],
    ['README.md', README],
  ]);
}

const CONFIG = `import { defineConfig } from 'colophon';

export default defineConfig({
  title: 'My Blog',
  description: 'Notes, written down.',
  url: 'https://example.org/',
  author: { name: 'Anonymous' },
  timezone: '{timezone}',
});
`;

const FIRST_POST = `---
title: "Hello, world"
date: {date}
categories: [General]
tags: [first]
---

This is the first post of a new blog built with Colophon. Edit it, or delete it and write your own.

Posts live in \`content/posts/\`, one Markdown file each, with a title and a date at the top.

<!-- more -->

Anything you put in \`public/\` (a stylesheet, images, a \`robots.txt\`) is copied into the site as it is.
`;

const README = `# My Blog

A blog built with [Colophon](https://www.npmjs.com/package/colophon).

- \`site.config.ts\`: the title, the address the site is published at, the author and the timezone.
- \`content/posts/\`: one Markdown file per post. Start one with \`npx colophon new "A title"\`.
- \`content/\`: any other Markdown file is a page, such as \`content/about.md\` for /about/.
- \`layouts/\` (optional): templates that replace the built-in theme's, file by file.
- \`public/\` (optional): files copied into the site unchanged.

Write with a live preview at http://127.0.0.1:4000/:

    npx colophon serve

Build the site into \`dist/\`, ready to upload:

    npx colophon build
`;
