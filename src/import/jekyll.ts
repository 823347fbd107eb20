import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { parseYaml } from '../deps/yaml.ts';
import { listFiles } from '../lib/files.ts';
import { createZone, isValidTimezone } from '../lib/zone.ts';
import { convertJekyllPost, POST_NAME } from './jekyll-post.ts';
import { jekyllPages } from './jekyll-pages.ts';
import { jekyllPattern } from './jekyll-url.ts';
import { convertLiquid, type LiquidContext } from './liquid-values.ts';
import { layoutPaths, listUrls, type OldLayout } from './lists.ts';
import type { Conversion, JekyllSettings, OldBlog, OldPost } from './types.ts';

const POST_EXT = /^(md|markdown|html)$/i;

/** Reads a Jekyll site: _posts/, _config.yml, its pages, its feed and the files it copied as they were. */
export async function readJekyll(dir: string, config: Config): Promise<OldBlog> {
  const settings = await readSettings(join(dir, '_config.yml'));
  const zone = createZone(settings.timezone ?? config.timezone);
  const files = await listFiles(join(dir, '_posts'), '_posts', true);
  const conversions: Conversion[] = [];
  for (const file of files) {
    const source = `_posts/${file}`;
    const name = POST_NAME.exec(file.slice(file.lastIndexOf('/') + 1));
    if (!name) {
      conversions.push({
        source,
        reason: 'its name does not start with a date, as in 2014-10-13-title.md (Jekyll did not publish it)',
      });
    } else if (!POST_EXT.test(name[5]!)) {
      conversions.push({ source, reason: `not a Markdown or HTML file (.${name[5]}): convert it by hand` });
    } else {
      conversions.push(convertJekyllPost(source, await readFile(join(dir, source), 'utf8'), zone, settings.pattern));
    }
  }
  const posts = conversions.filter((c): c is OldPost => 'data' in c);
  const postUrls = new Map(posts.map((p) => [p.source.replace(/^.*\//, '').replace(/\.[^.]+$/, ''), p.oldUrl]));
  const context = (page: Record<string, unknown>): LiquidContext => ({
    page,
    site: settings.data,
    url: settings.url,
    baseurl: settings.baseurl,
    postUrls,
  });
  for (const post of posts) {
    const liquid = convertLiquid(post.body, context({ ...post.data, url: post.oldUrl }), post.bodyLine ?? 1);
    post.body = liquid.body;
    post.changes.push(...liquid.changes);
  }
  const site = await jekyllPages(dir, settings, context);
  const layout: OldLayout = {
    perPage: settings.perPage ?? 1,
    index: settings.paginatePath ? settings.paginatePath.replace(/[^/]*:num.*$/, '') || '/' : '/',
    indexPage: settings.paginatePath,
    feeds: { atom: site.feeds },
  };
  const lists = listUrls(settings.paginatePath ? layout : { ...layout, indexPage: undefined }, posts.map(listed));
  return {
    conversions,
    pages: site.pages,
    skipped: site.skipped,
    files: site.files,
    settings: {
      title: text(settings.data.title),
      description: text(settings.data.description),
      url: /^https?:\/\//.test(settings.url) ? `${settings.url}${settings.baseurl}/` : undefined,
      author: authorOf(settings.data.author),
      timezone: settings.timezone,
      permalink: colophonPermalink(settings.pattern),
      postsPerPage: settings.perPage,
      feeds: ['atom'],
      paths: site.feeds.length > 0 || settings.paginatePath ? layoutPaths(layout) : undefined,
      redirects: posts.some((p) => (p.aliases ?? []).length > 0) ? true : undefined,
    },
    urls: lists.urls,
    notes: site.feeds.length === 0 ? ['the old site had no feed (no jekyll-feed, no atom.xml or feed.xml)'] : [],
    configFile: settings.timezone ? '_config.yml' : undefined,
  };
}

async function readSettings(file: string): Promise<JekyllSettings> {
  const raw = await readFile(file, 'utf8').catch(() => '');
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch {
    parsed = undefined; // an unreadable _config.yml: Jekyll's defaults
  }
  const data = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const timezone = typeof data.timezone === 'string' && isValidTimezone(data.timezone) ? data.timezone : undefined;
  const plugins = [data.plugins, data.gems].flat().filter((p) => typeof p === 'string');
  const feed = typeof data.feed === 'object' && data.feed !== null ? data.feed as Record<string, unknown> : {};
  const paginate = Number(data.paginate);
  return {
    data,
    pattern: jekyllPattern(typeof data.permalink === 'string' ? data.permalink : 'date'),
    timezone,
    url: (text(data.url) ?? '').replace(/\/+$/, ''),
    baseurl: (text(data.baseurl) ?? '').replace(/\/+$/, '').replace(/^(?=[^/])/, '/'),
    perPage: Number.isInteger(paginate) && paginate > 0 ? paginate : undefined,
    paginatePath: Number.isInteger(paginate) && paginate > 0
      ? `/${text(data.paginate_path) ?? '/page:num/'}/`.replace(/\/{2,}/g, '/') // jekyll-paginate writes folders
      : undefined,
    pluginFeed: plugins.includes('jekyll-feed')
      ? `/${text(feed.path) ?? 'feed.xml'}`.replace(/\/{2,}/g, '/')
      : undefined,
  };
}

/**
 * Jekyll's pattern as a Colophon permalink where its tokens have a counterpart: `:categories` is
 * `:category` for posts with one category; the posts it does not fit get a permalink of their own.
 */
function colophonPermalink(pattern: string): string | undefined {
  const table: Record<string, string> = {
    year: ':year',
    month: ':month',
    day: ':day',
    title: ':slug',
    slug: ':slug',
    categories: ':category',
    output_ext: '.html',
  };
  let unknown = false;
  const converted = pattern.replace(/:([a-z_]+)/g, (match, name: string) => table[name] ?? ((unknown = true), match));
  return unknown ? undefined : converted;
}

/** Jekyll's `author`: a name, or an object with one. */
export function authorOf(value: unknown): { name: string } | undefined {
  const name = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).name : value;
  return typeof name === 'string' && name.trim() !== '' ? { name } : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function listed(post: OldPost) {
  return { categories: [], tags: [], draft: post.data.draft === true };
}
