import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { ColophonError } from '../lib/errors.ts';
import { byteLength, MAX_NAME_BYTES } from '../lib/limits.ts';
import { slugify } from '../lib/slug.ts';
import { createZone, pad } from '../lib/zone.ts';

export interface NewPostOptions {
  categories: string[];
  draft: boolean;
  /** The one place the clock is read: a new post is dated now, in the site's timezone. */
  now?: number;
}

/** Writes content/posts/YYYY/YYYY-MM-DD-slug.md and returns its site-relative path. */
export async function newPost(siteDir: string, title: string, options: NewPostOptions): Promise<string> {
  const { config } = await loadConfig(siteDir);
  const wall = createZone(config.timezone).wallTime(options.now ?? Date.now());
  const day = `${wall.year}-${pad(wall.month)}-${pad(wall.day)}`;
  const slug = slugify(title);
  if (slug === '') {
    throw new ColophonError('E_NEW_TITLE', `"${title}" has no letters or digits to make a file name from`);
  }
  const name = `${day}-${slug}.md`;
  if (byteLength(name) > MAX_NAME_BYTES) {
    throw new ColophonError(
      'E_NEW_TITLE',
      `the title makes a file name of ${byteLength(name)} bytes; at most ${MAX_NAME_BYTES} fit`,
      { hint: 'give a shorter title here, and the whole title in the front matter afterwards' },
    );
  }
  const path = `content/posts/${wall.year}/${name}`;
  const lines = ['---', `title: ${JSON.stringify(title)}`, `date: ${day} ${pad(wall.hour)}:${pad(wall.minute)}`];
  if (options.categories.length) {
    lines.push(`categories: [${options.categories.map((c) => JSON.stringify(c)).join(', ')}]`);
  }
  if (options.draft) lines.push('draft: true');
  lines.push('---', '', 'Write here.', '');
  const full = join(siteDir, path);
  await mkdir(dirname(full), { recursive: true });
  try {
    await writeFile(full, lines.join('\n'), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new ColophonError('E_EXISTS', 'a post with this date and title already exists', {
      file: path,
      hint: 'choose another title, or edit the existing file',
    });
  }
  return path;
}
