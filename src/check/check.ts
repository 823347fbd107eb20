import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generate } from '../build.ts';
import { readPage } from '../deps/html-parser.ts';
import { mapLimit } from '../lib/concurrency.ts';
import { BuildFailure, ColophonError } from '../lib/errors.ts';
import { listFiles } from '../lib/files.ts';
import { safeDecode } from '../lib/html.ts';
import { byUtf8 } from '../lib/order.ts';
import type { Post, Site } from '../model/types.ts';
import type { BuildOptions } from '../pipeline.ts';
import { materialize } from '../render/produce.ts';
import type { OutputBytes } from '../render/types.ts';
import { createPresenter } from '../render/views.ts';
import { checkExternal, type ExternalOptions } from './external.ts';
import { checkFeed, checkSitemap } from './feeds.ts';
import { type Origin, type Problem, problemList, type ReportedProblem } from './problems.ts';
import { resolver } from './resolve.ts';

export interface CheckOptions extends BuildOptions {
  /** Check this output folder instead of building in memory (sources still say who wrote what). */
  out?: string;
  /** Also request every external link. */
  external?: boolean | ExternalOptions;
}

export interface CheckReport {
  files: number;
  problems: ReportedProblem[]; // errors first, then warnings, each by file and line
}

/**
 * `colophon check`: the site's pages, feeds and sitemap checked as a reader's browser and feed
 * reader would meet them. Every problem names the source to fix: the Markdown file (and line) a
 * link came from, or the theme when no post or page holds it.
 */
export async function check(siteDir: string, options: CheckOptions = {}): Promise<CheckReport> {
  const generated = await generate(siteDir, options);
  const output = options.out ? await readOutput(resolve(options.out)) : built(generated.files);
  const { site } = generated;
  const origins = originsOf(site, generated.bodyHtml, siteDir);
  const pages = new Map<string, ReturnType<typeof readPage>>();
  for (const [path, bytes] of output) if (path.endsWith('.html')) pages.set(path, readPage(text(bytes)));
  const redirects = new Map(site.redirects.flatMap((r) => (r.output ? [[r.output, r.to] as const] : [])));
  const resolve_ = resolver(site.config, output, pages, redirects);
  const aliasOf = new Map(site.redirects.flatMap((r) => (r.output ? [[r.output, r.file] as const] : [])));
  const problems: Problem[] = [];
  const external = new Map<string, { page: string; origin: Origin; raw: string }[]>();
  const shownOn = shownBodies(site);
  for (const [page, parts] of [...pages].sort(([a], [b]) => byUtf8(a, b))) {
    const shown = shownOn.get(page) ?? [];
    // A redirect page's links are its alias's: the source that names it, or site.config.ts.
    const alias = aliasOf.get(page);
    const originOf = (raw: string): Origin => (alias ? { file: alias } : origins.find(raw, shown));
    const seen = new Set<string>();
    for (const id of parts.ids) {
      if (seen.has(id)) {
        const origin = origins.findId(id, shown);
        problems.push({ level: 'error', kind: 'duplicate-id', origin, target: `#${id}`, page });
      }
      seen.add(id);
    }
    for (const { value } of parts.links) {
      const target = resolve_(value, page);
      if (target.kind === 'external') {
        const use = { page, origin: originOf(value), raw: value };
        const users = external.get(target.url);
        if (users) users.push(use);
        else external.set(target.url, [use]);
      } else if (target.kind === 'broken') {
        problems.push({ level: 'error', kind: target.why, origin: originOf(value), target: target.shown, page });
      }
    }
    for (const image of parts.images) {
      if (image.alt === undefined) {
        problems.push({ level: 'warning', kind: 'no-alt', origin: originOf(image.src), target: image.src, page });
      }
    }
  }
  for (const feed of site.feeds) {
    const bytes = output.get(feed.output);
    if (bytes) problems.push(...checkFeed(feed.output, feed.format, text(bytes), (url) => origins.ofPostUrl(url)));
  }
  const sitemapFile = site.sitemap.output;
  const sitemap = output.get(sitemapFile);
  if (sitemap) {
    problems.push(...checkSitemap(text(sitemap), (url) => resolve_(url, sitemapFile), pages, sitemapFile));
  }
  if (options.external) {
    const settings = options.external === true ? {} : options.external;
    problems.push(...await checkExternal(external, settings));
  }
  return { files: output.size, problems: problemList(problems) };
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function built(files: Parameters<typeof materialize>[0]): OutputBytes {
  const { output, errors } = materialize(files);
  if (errors.length > 0) throw new BuildFailure(errors);
  return output;
}

async function readOutput(dir: string): Promise<OutputBytes> {
  const paths = await listFiles(dir, dir, false);
  if (paths.length === 0) {
    throw new ColophonError('E_CHECK_TARGET', `${dir} holds no files`, {
      hint: 'give --out the output folder of a build, such as dist',
    });
  }
  const bytes = await mapLimit(paths, 32, (p) => readFile(join(dir, p)));
  return new Map(paths.map((p, i) => [p, bytes[i]!]));
}

/** By output page, the sources whose bodies it shows: its own post or page, or the posts of a list. */
function shownBodies(site: Site): Map<string, string[]> {
  const shown = new Map<string, string[]>();
  for (const list of site.lists) shown.set(list.output, list.posts.map((p) => p.source.path));
  for (const page of [...site.posts, ...site.pages]) shown.set(page.output, [page.source.path]);
  return shown;
}

/**
 * Who wrote a link: for every post and page, each URL in its body as it is printed (resolved
 * against the post's page) with the URL as the author wrote it, and the source's text to find
 * the line in. A URL no shown body holds is the theme's.
 */
function originsOf(site: Site, bodyHtml: ReadonlyMap<string, string>, siteDir: string) {
  const present = createPresenter(site);
  const bySource = new Map<string, Map<string, string>>(); // source ▶ printed URL ▶ written URL
  const idsBySource = new Map<string, Set<string>>();
  const byUrl = new Map<string, Post>();
  const written = (source: string, printed: string, html: string) => {
    const before = readPage(html).links.map((l) => l.value);
    const parts = readPage(printed);
    idsBySource.set(source, new Set(parts.ids));
    const after = parts.links.map((l) => l.value);
    const urls = new Map<string, string>();
    after.forEach((url, i) => urls.set(url, before[i] ?? url));
    // A fragment link on a list page is printed with the post's prefix or its page in front.
    for (const url of after) if (url.startsWith('#')) urls.set(url.slice(1), url);
    bySource.set(source, urls);
  };
  for (const post of site.posts) {
    const html = bodyHtml.get(post.source.path) ?? '';
    written(post.source.path, present.post(post, present.bodyLinks(html)).html, html);
    byUrl.set(present.absolute(post.path), post);
  }
  for (const page of site.pages) {
    const html = bodyHtml.get(page.source.path) ?? '';
    written(page.source.path, present.bodyLinks(html), html);
  }
  const texts = new Map<string, string[]>(); // source ▶ its lines, read once
  const linesOf = (source: string) => {
    let lines = texts.get(source);
    if (!lines) {
      try {
        lines = readFileSync(join(siteDir, source), 'utf8').split('\n');
      } catch {
        lines = [];
      }
      texts.set(source, lines);
    }
    return lines;
  };
  const lineOf = (source: string, url: string): number | undefined => {
    const forms = [url, safeDecode(url), url.replace(/&/g, '&amp;')];
    const index = linesOf(source).findIndex((line) => forms.some((form) => line.includes(form)));
    return index < 0 ? undefined : index + 1;
  };
  const originIn = (source: string, url: string): Origin => ({ file: source, line: lineOf(source, url) });
  return {
    /** The source among `shown` whose body holds `raw` (also as "#id" with a prefix), else the theme. */
    find(raw: string, shown: readonly string[]): Origin {
      for (const source of shown) {
        const urls = bySource.get(source);
        const writtenAs = urls?.get(raw);
        if (writtenAs !== undefined) return originIn(source, writtenAs);
        const fragment = /#(?:[^#]*--)?([^#]*)$/.exec(raw)?.[1];
        if (fragment !== undefined && urls?.has(fragment)) return originIn(source, `#${fragment}`);
      }
      return { theme: true };
    },
    /** The source among `shown` whose body has this id (on a list page, after its prefix), else the theme. */
    findId(id: string, shown: readonly string[]): Origin {
      const plain = id.includes('--') ? id.slice(id.indexOf('--') + 2) : id;
      for (const source of shown) {
        const ids = idsBySource.get(source);
        if (ids?.has(id)) return originIn(source, `id="${id}"`);
        if (ids?.has(plain)) return originIn(source, `id="${plain}"`);
      }
      return { theme: true };
    },
    ofPostUrl(url: string): Origin | undefined {
      const post = byUrl.get(url);
      return post && { file: post.source.path };
    },
  };
}
