import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ColophonError } from '../lib/errors.ts';
import { slugify } from '../lib/slug.ts';
import { version } from '../lib/version.ts';
import { createZone, isValidTimezone, pad, type WallTime } from '../lib/zone.ts';

export interface InitOptions {
  /** Write into a folder that already has files (ours replace theirs of the same name). */
  force: boolean;
  /** The clock, read once: the first post is dated now. */
  now?: number;
  /** The new site's timezone; by default the machine's, when it is an IANA name. */
  timezone?: string;
}

/**
 * A new site, an npm project of its own so that it can install Colophon and plugins: package.json,
 * .gitignore, site.config.ts, a first post and a README. Returns the files written, site-relative.
 */
export async function initSite(dir: string, options: InitOptions): Promise<string[]> {
  if (!options.force && existsSync(dir) && (await readdir(dir)).length > 0) {
    throw new ColophonError('E_INIT_NOT_EMPTY', `${dir} is not empty`, {
      hint: 'choose a new or empty folder, or add --force to write the new files beside the ones there',
    });
  }
  const timezone = options.timezone ?? machineTimezone();
  const wall = createZone(timezone).wallTime(options.now ?? Date.now());
  const files = starterFiles(timezone, wall, basename(resolve(dir)));
  const written: string[] = [];
  for (const [path, text] of files) {
    // A project's own package.json and .gitignore are kept: --force writes a site into a project.
    if (KEPT.includes(path) && existsSync(join(dir, path))) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
    written.push(path);
  }
  return written;
}

const KEPT = ['package.json', '.gitignore'];

function machineTimezone(): string {
  const name = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return name && isValidTimezone(name) ? name : 'UTC';
}

function starterFiles(timezone: string, wall: WallTime, folder: string): Map<string, string> {
  const day = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  return new Map([
    ['package.json', packageJson(folder)],
    ['.gitignore', GITIGNORE],
    ['site.config.ts', CONFIG.replace('{timezone}', timezone)],
    [
      `content/posts/${wall.year}/${day}-hello-world.md`,
      FIRST_POST.replace('{date}', `${day} ${pad(wall.hour)}:${pad(wall.minute)}`),
    ],
    ['README.md', README],
  ]);
}

/** npm names are lower case, without spaces, at most 214 characters. */
function packageJson(folder: string): string {
  const name = slugify(folder).replace(/[^a-z0-9-]/g, '').slice(0, 214) || 'my-blog';
  const pkg = {
    name,
    private: true,
    type: 'module',
    scripts: { dev: 'colophon serve', build: 'colophon build' },
    dependencies: { colophon: `^${version()}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const GITIGNORE =
  `# What \`colophon build\` writes, and what npm installs (its cache of rendered bodies is in node_modules/.cache).
dist/
dist.manifest.json
node_modules/
`;

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

- \`package.json\`: Colophon and any plugins, and the \`dev\` and \`build\` scripts.
- \`site.config.ts\`: the title, the address the site is published at, the author and the timezone.
- \`content/posts/\`: one Markdown file per post. Start one with \`npx colophon new "A title"\`.
- \`content/\`: any other Markdown file is a page, such as \`content/about.md\` for /about/.
- \`layouts/\` (optional): templates that replace the built-in theme's, file by file.
- \`public/\` (optional): files copied into the site unchanged.

Install Colophon once, into \`node_modules/\`:

    npm install

Write with a live preview at http://127.0.0.1:4000/:

    npm run dev

Build the site into \`dist/\`, ready to upload:

    npm run build

\`npx colophon --help\` lists the other commands, such as \`npx colophon new "A title"\`. Markdown plugins are
npm packages too: \`npm install markdown-it-container\`, then list it in \`markdown.plugins\` in \`site.config.ts\`.
`;
