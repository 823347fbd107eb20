import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { parseDate } from '../lib/dates.ts';
import { listFiles } from '../lib/files.ts';
import { slugify } from '../lib/slug.ts';
import { createZone, isValidTimezone, pad, type Zone } from '../lib/zone.ts';
import { convertBlogofileCode } from './blogofile-code.ts';
import { blogofileAutoPath, blogofilePermalinkPath, blogofileSlug, folderIndexFile } from './blogofile-url.ts';
import { layoutPaths, listUrls, type OldLayout, pages } from './lists.ts';
import { isTruthy, nameList, otherKeys, parsePost } from './post-file.ts';
import { readPythonSettings } from './python-config.ts';
import { staticFiles } from './static-files.ts';
import type { Conversion, OldBlog, OldPost, OldUrl } from './types.ts';

const MARKDOWN = /\.(markdown|md|mkd|mdown)$/i;
const POST_FILE = /\.(markdown|md|mkd|mdown|html|htm)$/i;
const BY_HAND: Record<string, string> = {
  rst: 'reStructuredText has no converter here: convert it to Markdown by hand (pandoc -f rst -t gfm)',
  textile: 'Textile has no converter here: convert it to Markdown by hand (pandoc -f textile -t gfm)',
};
/** Keys this reader writes itself, or drops: Blogofile's filter chain and encoding mean nothing here. */
const HANDLED = [
  'title',
  'date',
  'updated',
  'categories',
  'tags',
  'draft',
  'guid',
  'permalink',
  'slug',
  'filter',
  'filters',
  'encoding',
];

/** How a Blogofile blog was laid out: _config.py's plain settings, with Blogofile's defaults. */
interface BlogofileSite {
  url?: string;
  basePath: string;
  blogPath: string; // "" or "/blog"
  autoPath: string;
  perPage: number;
  paginationDir: string;
  categoryDir: string;
  title?: string;
  description?: string;
  author?: string;
  timezone?: string;
}

/** Reads a Blogofile blog: _posts/, the settings of _config.py, and the files it copied as they were. */
export async function readBlogofile(dir: string, config: Config): Promise<OldBlog> {
  const site = await readSite(join(dir, '_config.py'));
  const zone = createZone(site.timezone ?? config.timezone);
  const files = await listFiles(join(dir, '_posts'), '_posts', true);
  const conversions: Conversion[] = [];
  for (const file of files) {
    const source = `_posts/${file}`;
    const ext = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    if (!POST_FILE.test(file)) {
      conversions.push({ source, reason: BY_HAND[ext] ?? 'not a Markdown or HTML file: convert it by hand' });
      continue;
    }
    conversions.push(convertBlogofilePost(source, await readFile(join(dir, source), 'utf8'), zone, site));
  }
  const posts = conversions.filter((c): c is OldPost => 'data' in c);
  const layout = blogofileLayout(site);
  const lists = listUrls(layout, posts.map(listed));
  const months = monthAliases(site, posts);
  const paths = {
    ...layoutPaths(layout),
    categories: `${site.blogPath}/${site.categoryDir}/`,
    archive: `${site.blogPath}/archive/`,
    month: `${site.blogPath}/archive/:year/:month/`,
  };
  const aliases = { ...lists.aliases, ...Object.fromEntries(months.map((u) => [u.url, u.detail!])) };
  const permalink = colophonPermalink(site);
  return {
    conversions,
    pages: [],
    skipped: [],
    files: await staticFiles(dir, '', 'public', (path) => /\.mako$/i.test(path)),
    settings: {
      title: site.title,
      description: site.description,
      url: site.url,
      author: site.author ? { name: site.author } : undefined,
      timezone: site.timezone,
      permalink,
      postsPerPage: site.perPage,
      feeds: ['rss', 'atom'],
      paths,
      aliases: Object.keys(aliases).length > 0 ? aliases : undefined,
      redirects: Object.keys(aliases).length > 0 ? true : undefined,
    },
    urls: [...lists.urls, ...months],
    notes: [feedNote(site)],
    configFile: '_config.py',
  };
}

async function readSite(file: string): Promise<BlogofileSite> {
  const settings = readPythonSettings(await readFile(file, 'utf8').catch(() => ''));
  const text = (key: string) => {
    const value = settings.get(key);
    return typeof value === 'string' ? value : undefined;
  };
  const url = text('site.url') && /^https?:\/\//.test(text('site.url')!)
    ? `${text('site.url')!.replace(/\/+$/, '')}/`
    : undefined;
  const timezone = text('blog.timezone');
  const perPage = settings.get('blog.posts_per_page');
  return {
    url,
    basePath: url ? new URL(url).pathname : '/',
    blogPath: (text('blog.path') ?? '/blog').replace(/\/+$/, '').replace(/^(?=[^/])/, '/'),
    autoPath: text('blog.auto_permalink.path') ?? ':blog_path/:year/:month/:day/:title',
    perPage: typeof perPage === 'number' && perPage > 0 ? perPage : 5,
    paginationDir: text('blog.pagination_dir') ?? 'page',
    categoryDir: text('blog.category_dir') ?? 'category',
    title: text('blog.name'),
    description: text('blog.description'),
    author: text('site.author') ?? text('blog.author'),
    timezone: timezone && isValidTimezone(timezone) ? timezone : undefined,
  };
}

/**
 * Blogofile 0.7/0.8 wrote the blog's pages under blog.path: /page/N/, /<category_dir>/<name>/ with
 * its own pages, and each feed as index.xml in a folder: RSS in feed/, Atom in feed/atom/.
 */
function blogofileLayout(site: BlogofileSite): OldLayout {
  const base = site.blogPath;
  const feeds = (at: string) => ({ rss: [`${at}feed/index.xml`], atom: [`${at}feed/atom/index.xml`] });
  const category = `${base}/${site.categoryDir}/:slug/`;
  return {
    perPage: site.perPage,
    index: `${base}/`,
    indexPage: `${base}/${site.paginationDir}/:num/`,
    category: {
      page: category,
      pages: `${category}${site.paginationDir}/:num/`,
      feeds: feeds(category),
      slug: blogofileSlug,
    },
    feeds: feeds(`${base}/`),
  };
}

/** The post pattern as a Colophon permalink, when Blogofile's uses only tokens Colophon has. */
function colophonPermalink(site: BlogofileSite): string | undefined {
  const pattern = site.autoPath.replace(/:blog_path/g, site.blogPath).replace(/:title/g, ':slug');
  if (/:(?!year|month|day|slug)[a-z_]+/.test(pattern)) return undefined;
  return `/${pattern}/`.replace(/\/{2,}/g, '/');
}

/** Blogofile's month archives were /archive/YYYY/MM/N/ (page 1 too); Colophon's are /archive/YYYY/MM/, then page/N/. */
function monthAliases(site: BlogofileSite, posts: OldPost[]): OldUrl[] {
  const counts = new Map<string, number>();
  for (const post of posts.filter((p) => !p.data.draft)) {
    const key = `${pad(post.wall.year, 4)}/${pad(post.wall.month)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const urls: OldUrl[] = [];
  for (const [month, count] of [...counts].sort()) {
    const now = pages(
      `${site.blogPath}/archive/${month}/`,
      `${site.blogPath}/archive/${month}/page/:num/`,
      count,
      site.perPage,
    );
    now.forEach((detail, i) => {
      urls.push({ url: `${site.blogPath}/archive/${month}/${i + 1}/`, what: `archive ${month}`, how: 'alias', detail });
    });
  }
  return urls;
}

function feedNote(site: BlogofileSite): string {
  const base = site.blogPath;
  const folders = `${base}/feed/, ${base}/feed/atom/, ${base}/${site.categoryDir}/<name>/feed/ and .../feed/atom/`;
  return `Blogofile served its feeds as folders (${folders}) from index.xml, and they are written there again. ` +
    'Keep the host answering a folder with its index.xml: Apache `DirectoryIndex index.html index.xml`, nginx ' +
    '`index index.html index.xml;`, or on Netlify and Cloudflare Pages a line per feed in public/_redirects, ' +
    `such as \`${base}/feed/atom/ ${base}/feed/atom/index.xml 200\`.`;
}

function listed(post: OldPost) {
  return {
    categories: (post.data.categories as string[] | undefined) ?? [],
    tags: (post.data.tags as string[] | undefined) ?? [],
    draft: post.data.draft === true,
  };
}

function convertBlogofilePost(source: string, text: string, zone: Zone, site: BlogofileSite): Conversion {
  const parsed = parsePost(text);
  if ('problem' in parsed) return { source, reason: parsed.problem };
  const { data } = parsed;
  if (data.date === undefined || data.date === null) {
    return { source, reason: 'it has no date (Blogofile dated it at build time)' };
  }
  const date = parseDate(data.date, zone);
  if (!date.ok) return { source, reason: `"date" ${date.reason}` };
  const wall = zone.wallTime(date.epochMs);
  const changes: string[] = [];
  const fileStem = source.slice(source.lastIndexOf('/') + 1).replace(POST_FILE, '');
  let title = typeof data.title === 'string' || typeof data.title === 'number' ? String(data.title) : '';
  const permalink = typeof data.permalink === 'string' && data.permalink.trim() !== ''
    ? data.permalink.trim()
    : undefined;
  if (title.trim() === '') {
    if (!permalink) {
      return { source, reason: 'it has no title and no permalink (Blogofile made both from the build time)' };
    }
    title = fileStem;
    changes.push('title taken from the file name');
  }
  const slug = typeof data.slug === 'string' && data.slug !== '' ? data.slug : blogofileSlug(title);
  const oldUrl = permalink
    ? blogofilePermalinkPath(permalink, site.basePath)
    : blogofileAutoPath(site.autoPath, site.blogPath, wall, slug);
  if (!oldUrl) {
    return { source, reason: `blog.auto_permalink.path ${site.autoPath} uses a token the importer does not know` };
  }
  if (!MARKDOWN.test(source)) changes.push('HTML kept as it is (Markdown passes HTML through)');
  const code = convertBlogofileCode(parsed.body);
  if (code.blocks > 0) {
    changes.push(`${code.blocks} $$code block${code.blocks === 1 ? '' : 's'} rewritten as fenced code`);
  }
  if (code.dropped.length > 0) changes.push(`code block options dropped: ${code.dropped.join(', ')}`);
  if (code.unclosed > 0) {
    changes.push(`${code.unclosed} $$code line${code.unclosed === 1 ? '' : 's'} without $$/code kept as text`);
  }
  for (const key of ['filter', 'filters'] as const) {
    if (data[key] !== undefined) changes.push(`${key}: ${String(data[key])} dropped`);
  }
  const tags = nameList(data.tags, /,/);
  const categories = nameList(data.categories, /,/);
  return {
    source,
    data: {
      title,
      date: data.date,
      updated: data.updated ?? undefined,
      categories: categories.length > 0 ? categories : undefined,
      tags: tags.length > 0 ? tags : undefined,
      draft: isTruthy(data.draft) ? true : undefined,
      guid: data.guid ?? undefined,
      ...otherKeys(data, HANDLED),
    },
    body: code.body,
    wall,
    slug: slugify(slug) || slugify(fileStem) || 'post',
    oldUrl,
    oldFile: folderIndexFile(oldUrl),
    changes,
  };
}
