import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listFiles } from '../lib/files.ts';
import { convertLiquid, type LiquidContext } from './liquid-values.ts';
import { composePost, nameList, otherKeys, parsePost } from './post-file.ts';
import type { CopiedFile, JekyllSettings, OldPage, Skipped } from './types.ts';

/** What Jekyll leaves out of a site by default, besides names starting with `_` or `.`. */
const EXCLUDED = /^(Gemfile|Gemfile\.lock|gemfiles|node_modules|vendor|package\.json|package-lock\.json)(\/|$)/;
const MARKDOWN = /\.(md|markdown)$/i;
const FEED_TEMPLATE = /^(atom|feed|rss)\.xml$/;

export interface JekyllSite {
  pages: OldPage[];
  skipped: Skipped[];
  files: CopiedFile[];
  /** The site's feed URLs, jekyll-feed's first: Colophon's Atom feed is written at each. */
  feeds: string[];
}

/**
 * The rest of a Jekyll site. A file with front matter was a template: a Markdown or HTML one becomes
 * a Colophon page at its old URL, a root atom.xml or feed.xml was the feed, anything else is
 * reported. A file without front matter was copied as it was, and goes to public/.
 */
export async function jekyllPages(
  dir: string,
  settings: JekyllSettings,
  context: (page: Record<string, unknown>) => LiquidContext,
): Promise<JekyllSite> {
  const site: JekyllSite = {
    pages: [],
    skipped: [],
    files: [],
    feeds: settings.pluginFeed ? [settings.pluginFeed] : [],
  };
  const excluded = nameList(settings.data.exclude);
  for (const path of await listFiles(dir, '.', true)) {
    if (path.split('/').some((part) => part.startsWith('_') || part.startsWith('.'))) continue;
    if (
      EXCLUDED.test(path) || excluded.some((name) => path === name || path.startsWith(`${name.replace(/\/$/, '')}/`))
    ) {
      continue;
    }
    if (!(await hasFrontMatter(join(dir, path)))) {
      if (MARKDOWN.test(path)) {
        site.skipped.push({ source: path, reason: 'Markdown without front matter (Jekyll copied it as it was)' });
      } else site.files.push({ source: path, target: `public/${path}` });
    } else if (FEED_TEMPLATE.test(path)) {
      if (!site.feeds.includes(`/${path}`)) site.feeds.push(`/${path}`);
    } else if (path === 'index.html' || path === 'index.md' || path === '404.html') {
      site.skipped.push({ source: path, reason: `a template of the theme: Colophon's own theme makes /${path}` });
    } else if (MARKDOWN.test(path) || /\.html$/i.test(path)) {
      const page = await jekyllPage(dir, path, settings, context);
      if ('reason' in page) site.skipped.push(page);
      else site.pages.push(page);
    } else {
      site.skipped.push({
        source: path,
        reason: 'a template (it has front matter) that Colophon cannot run: convert it by hand',
      });
    }
  }
  return site;
}

async function hasFrontMatter(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    return /^---\r?\n/.test(buffer.subarray(0, bytesRead).toString('latin1'));
  } finally {
    await handle.close();
  }
}

/** A Jekyll page: its URL is its permalink, else its path, as a folder with the "pretty" style. */
async function jekyllPage(
  dir: string,
  path: string,
  settings: JekyllSettings,
  context: (page: Record<string, unknown>) => LiquidContext,
): Promise<OldPage | Skipped> {
  const parsed = parsePost(await readFile(join(dir, path), 'utf8'));
  if ('problem' in parsed) return { source: path, reason: parsed.problem };
  const { data } = parsed;
  const stem = path.replace(/\.[^.]+$/, '');
  const pretty = settings.pattern.endsWith('/');
  const given = typeof data.permalink === 'string' && !data.permalink.includes(':') ? data.permalink : undefined;
  const folder = stem === 'index' || stem.endsWith('/index') ? `/${stem.replace(/\/?index$/, '')}/` : undefined;
  const oldUrl = (given ?? folder ?? (pretty ? `/${stem}/` : `/${stem}.html`)).replace(/^(?=[^/])/, '/').replace(
    /\/{2,}/g,
    '/',
  );
  const changes: string[] = [];
  const liquid = convertLiquid(parsed.body, context({ ...data, url: oldUrl }), parsed.bodyLine);
  changes.push(...liquid.changes);
  const target = `content/${stem}.md`;
  const colophonUrl = `/${stem.replace(/(^|\/)index$/, '')}/`.replace(/\/{2,}/g, '/');
  const title = typeof data.title === 'string' && data.title.trim() !== '' ? data.title : stem.replace(/^.*\//, '');
  if (title !== data.title) changes.push(`title "${title}" made from the file name`);
  const aliases = nameList(data.redirect_from).map((alias) => alias.startsWith('/') ? alias : `/${alias}`);
  const permalink = oldUrl === colophonUrl ? undefined : oldUrl;
  if (permalink) changes.push(`permalink ${permalink} added (Colophon would put the page at ${colophonUrl})`);
  if (data.layout !== undefined) {
    changes.push(`layout: ${String(data.layout)} dropped (Colophon uses its page template)`);
  }
  const front = {
    title,
    permalink,
    aliases: aliases.length > 0 ? aliases : undefined,
    ...otherKeys(data, ['title', 'permalink', 'layout', 'redirect_from']),
  };
  return { source: path, target, text: composePost(front, liquid.body), oldUrl, changes };
}
