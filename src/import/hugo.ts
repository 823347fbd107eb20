import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/types.ts';
import { listFiles } from '../lib/files.ts';
import { createZone } from '../lib/zone.ts';
import { readHugoSettings } from './hugo-config.ts';
import { hugoPages } from './hugo-pages.ts';
import { convertHugoPost, type HugoSource, readHugoFile } from './hugo-post.ts';
import { hugoUrlize } from './hugo-url.ts';
import { layoutPaths, listUrls, type OldLayout, pages } from './lists.ts';
import { convertShortcodes } from './shortcodes.ts';
import { staticFiles } from './static-files.ts';
import type { Conversion, CopiedFile, OldBlog, OldPost, OldUrl, Skipped } from './types.ts';

/** The sections Hugo blogs keep their posts in. */
const SECTIONS = ['posts', 'post', 'blog'];
const CONTENT = /\.(md|markdown|html)$/i;

/**
 * Reads a Hugo site: the posts of content/posts, content/post and content/blog, the other content
 * as pages, static/, and the configuration that decided its URLs.
 */
export async function readHugo(dir: string, config: Config): Promise<OldBlog> {
  const settings = await readHugoSettings(dir);
  const zone = createZone(settings.timezone ?? config.timezone);
  const all = await listFiles(join(dir, 'content'), 'content', true);
  const { sources, others, loose } = groupContent(all);
  const conversions: Conversion[] = [];
  const sections = new Set<string>();
  for (const file of sources.filter((s) => SECTIONS.includes(s.section))) {
    const parsed = readHugoFile(await readFile(join(dir, file.source), 'utf8'));
    const pattern = settings.permalinks[file.section];
    conversions.push(convertHugoPost(file, parsed, { zone, pattern, ugly: settings.uglyUrls }));
    sections.add(file.section);
  }
  const site = await hugoPages(dir, sources.filter((s) => !SECTIONS.includes(s.section)));
  const posts = conversions.filter((c): c is OldPost => 'data' in c);
  const refs = refTable([...posts, ...site.pages.map((p) => ({ source: p.source, oldUrl: p.oldUrl }))]);
  for (const post of posts) {
    const result = convertShortcodes(post.body, refs, post.bodyLine ?? 1);
    post.body = result.body;
    post.changes.push(...result.changes);
  }
  for (const page of site.pages) {
    const result = convertShortcodes(page.body, refs, page.bodyLine);
    page.text = page.compose(result.body);
    page.changes.push(...result.changes);
  }
  const layout = hugoLayout(settings.perPage, settings.categories, settings.tags, [...sections].sort());
  const lists = listUrls(
    layout,
    posts.map((p) => ({
      categories: (p.data.categories as string[] | undefined) ?? [],
      tags: (p.data.tags as string[] | undefined) ?? [],
      draft: p.data.draft === true,
    })),
  );
  const published = posts.filter((p) => p.data.draft !== true).length;
  const extra = sectionAliases([...sections].sort(), published, settings.perPage);
  for (const kind of [settings.categories, settings.tags]) {
    if (kind) {
      extra.push({
        url: `/${kind}/index.xml`,
        what: `the ${kind} list's RSS feed`,
        how: 'alias',
        detail: '/index.xml',
      });
    }
  }
  const aliases = { ...lists.aliases, ...Object.fromEntries(extra.map((u) => [u.url, u.detail!])) };
  return {
    conversions,
    pages: site.pages.map(({ source, target, text, oldUrl, changes }) => ({ source, target, text, oldUrl, changes })),
    skipped: [...site.skipped, ...others],
    files: [...site.files, ...loose, ...await staticFiles(dir, 'static', 'public', () => false)],
    settings: {
      title: settings.title,
      description: settings.description,
      url: settings.url,
      author: settings.author ? { name: settings.author } : undefined,
      timezone: settings.timezone,
      permalink: colophonPermalink(settings.permalinks, [...sections].sort()),
      postsPerPage: settings.perPage,
      feeds: ['rss'],
      paths: {
        ...layoutPaths(layout),
        categories: settings.categories ? `/${settings.categories}/` : undefined,
        tags: settings.tags ? `/${settings.tags}/` : undefined,
      },
      aliases: Object.keys(aliases).length > 0 ? aliases : undefined,
      redirects: Object.keys(aliases).length > 0 || posts.some((p) => (p.aliases ?? []).length > 0) ? true : undefined,
    },
    urls: [...lists.urls, ...extra],
    notes: [
      "files in the theme's static/ folder and Hugo Pipes assets (assets/) were not copied: " +
      'copy what the posts use into public/',
    ],
    configFile: settings.file,
  };
}

/** Content files as Hugo saw them: a leaf bundle (a folder with index.md) is one page with its files. */
function groupContent(all: string[]): { sources: HugoSource[]; others: Skipped[]; loose: CopiedFile[] } {
  const bundles = all.filter((p) => /(^|\/)index\.(md|markdown|html)$/i.test(p)).map((p) => p.replace(/[^/]+$/, ''));
  const inBundle = (path: string) => bundles.find((b) => b !== '' && path.startsWith(b) && !CONTENT.test(path));
  const sources: HugoSource[] = [];
  const others: Skipped[] = [];
  const loose: CopiedFile[] = [];
  for (const path of all) {
    if (inBundle(path)) continue;
    const source = `content/${path}`;
    if (/(^|\/)_index\.(md|markdown|html)$/i.test(path)) {
      others.push({ source, reason: "a section's list page: Colophon makes its own lists" });
      continue;
    }
    if (!CONTENT.test(path)) {
      loose.push({ source, target: `public/${path}` }); // a section's own file: Hugo published it at its path
      continue;
    }
    const parts = path.split('/');
    const isBundle = /^index\./i.test(parts[parts.length - 1]!) && parts.length > 1;
    const name = isBundle ? parts[parts.length - 2]! : parts[parts.length - 1]!.replace(CONTENT, '');
    const folder = path.replace(/[^/]+$/, '');
    const section = parts.length > 1 ? parts[0]! : '';
    const inner = parts.slice(1, isBundle ? -2 : -1);
    sources.push({
      source,
      section,
      folders: inner.length > 0 ? `${inner.join('/')}/` : '',
      filename: name,
      bundle: isBundle
        ? all.filter((p) => p.startsWith(folder) && !CONTENT.test(p)).map((p) => ({
          source: `content/${p}`,
          target: p.slice(folder.length),
        }))
        : [],
    });
  }
  return { sources, others, loose };
}

/** `ref`/`relref` targets: a content path with or without its extension, a bundle's folder, a file's name. */
function refTable(items: { source: string; oldUrl: string }[]): (name: string) => string | undefined {
  const table = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const item of items) {
    const path = item.source.replace(/^content\//, '').replace(CONTENT, '').replace(/\/index$/, '');
    table.set(path.toLowerCase(), item.oldUrl);
    byName.set(path.replace(/^.*\//, '').toLowerCase(), item.oldUrl);
  }
  return (name) => {
    const key = name.replace(/^\/+|\/+$/g, '').replace(CONTENT, '').replace(/\/index$/, '').toLowerCase();
    return table.get(key) ?? byName.get(key);
  };
}

/** Hugo's lists: the home page, each term's page (both paginated) and an RSS feed for each, as index.xml. */
function hugoLayout(
  perPage: number,
  categories: string | undefined,
  tags: string | undefined,
  sections: string[],
): OldLayout {
  const term = (kind: string) => ({
    page: `/${kind}/:slug/`,
    pages: `/${kind}/:slug/page/:num/`,
    feeds: { rss: [`/${kind}/:slug/index.xml`] },
    slug: hugoUrlize,
  });
  return {
    perPage,
    index: '/',
    indexPage: '/page/:num/',
    category: categories ? term(categories) : undefined,
    tag: tags ? term(tags) : undefined,
    feeds: { rss: ['/index.xml', ...sections.map((s) => `/${s}/index.xml`)] },
  };
}

/** A section's own list (/post/, /post/page/2/) showed the same posts as the home page: each leads there. */
function sectionAliases(sections: string[], count: number, perPage: number): OldUrl[] {
  return sections.flatMap((section) => {
    const now = pages('/', '/page/:num/', count, perPage);
    return pages(`/${section}/`, `/${section}/page/:num/`, count, perPage).map((url, i) => ({
      url,
      what: `the ${section} section's list`,
      how: 'alias' as const,
      detail: now[i]!,
    }));
  });
}

/** The posts' pattern as a Colophon permalink: Hugo's own for the section, or its default /<section>/<slug>/. */
function colophonPermalink(permalinks: Record<string, string>, sections: string[]): string | undefined {
  if (sections.length !== 1) return undefined;
  const section = sections[0]!;
  const pattern = (permalinks[section] ?? `/${section}/:slug/`)
    .replace(/:section/g, section)
    .replace(/:(slugorfilename|slugorcontentbasename|filename|contentbasename)/g, ':slug');
  if (/:(?!year|month|day|slug)[a-z]+/.test(pattern)) return undefined;
  return pattern.endsWith('/') ? pattern : `${pattern}/`;
}
