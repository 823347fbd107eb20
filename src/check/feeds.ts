import type { FeedFormat } from '../config/feed-formats.ts';
import { type PageParts, readPage, readXml, type XmlElement } from '../deps/html-parser.ts';
import type { Origin, Problem } from './problems.ts';
import type { Resolved } from './resolve.ts';

const hasScheme = (url: string) => /^[a-z][a-z0-9+.-]*:/i.test(url);

/**
 * A feed as a reader meets it: the elements RFC 4287 requires of Atom (RSS 2.0 and JSON Feed 1.1
 * likewise), and no relative link in an entry's content, which a reader has no page to resolve
 * against. `postOf` names the post an entry's id or link belongs to.
 */
export function checkFeed(
  path: string,
  format: FeedFormat,
  text: string,
  postOf: (url: string) => Origin | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const problem = (target: string, detail: string, origin?: Origin) =>
    problems.push({ level: 'error', kind: 'feed', target, page: path, detail, origin });
  const relativeIn = (html: string, entry: string) => {
    for (const { value } of readPage(html).links) {
      if (!hasScheme(value) && !value.startsWith('//')) {
        problem(entry, `the entry ${entry} has a relative link "${value}" in its content`, postOf(entry));
      }
    }
  };
  if (format === 'json') {
    let feed: { version?: unknown; title?: unknown; items?: { id?: unknown; url?: string; content_html?: string }[] };
    try {
      feed = JSON.parse(text);
    } catch {
      problem(path, `not JSON`);
      return problems;
    }
    for (const key of ['version', 'title', 'items'] as const) {
      if (feed[key] === undefined) problem(path, `JSON Feed requires "${key}"`);
    }
    for (const [i, item] of (Array.isArray(feed.items) ? feed.items : []).entries()) {
      const entry = typeof item.id === 'string' ? item.id : `items[${i}]`;
      if (item.id === undefined) problem(entry, `item ${i} has no "id"`);
      if (typeof item.content_html === 'string') relativeIn(item.content_html, entry);
    }
    return problems;
  }
  const root = readXml(text);
  const child = (el: XmlElement, name: string) => el.children.filter((c) => c.name === name);
  if (format === 'atom') {
    if (root?.name !== 'feed') return problem(path, `no Atom feed element`), problems;
    for (const name of ['id', 'title', 'updated']) {
      if (child(root, name).length !== 1) problem(path, `an Atom feed requires exactly one <${name}>`);
    }
    const entries = child(root, 'entry');
    const feedAuthor = child(root, 'author').length > 0;
    for (const [i, entry] of entries.entries()) {
      const id = child(entry, 'id')[0]?.text.trim() ?? `entry ${i + 1}`;
      for (const name of ['id', 'title', 'updated']) {
        if (child(entry, name).length !== 1) problem(id, `the entry ${id} requires exactly one <${name}>`);
      }
      if (!feedAuthor && child(entry, 'author').length === 0) {
        problem(id, `the entry ${id} has no <author>, and neither has the feed`);
      }
      const alternate = child(entry, 'link').some((l) => (l.attributes.rel ?? 'alternate') === 'alternate');
      const content = child(entry, 'content')[0];
      if (!content && !alternate) problem(id, `the entry ${id} has neither <content> nor an alternate link`);
      for (const html of [content, child(entry, 'summary')[0]]) if (html) relativeIn(html.text, id);
    }
    for (const link of [...child(root, 'link'), ...entries.flatMap((e) => child(e, 'link'))]) {
      const href = link.attributes.href ?? '';
      if (!hasScheme(href)) problem(href, `the link "${href}" is not absolute`);
    }
    return problems;
  }
  const channel = root?.name === 'rss' ? child(root, 'channel')[0] : undefined;
  if (!channel) return problem(path, `no RSS channel element`), problems;
  for (const name of ['title', 'link', 'description']) {
    if (child(channel, name).length !== 1) problem(path, `an RSS channel requires one <${name}>`);
  }
  for (const [i, item] of child(channel, 'item').entries()) {
    const id = (child(item, 'guid')[0] ?? child(item, 'link')[0])?.text.trim() ?? `item ${i + 1}`;
    if (child(item, 'title').length === 0 && child(item, 'description').length === 0) {
      problem(id, `the item ${id} has neither <title> nor <description>`);
    }
    for (const html of [...child(item, 'description'), ...child(item, 'content:encoded')]) relativeIn(html.text, id);
  }
  return problems;
}

/** Every URL in sitemap.xml must be a page of the site. */
export function checkSitemap(
  text: string,
  resolve: (url: string) => Resolved,
  pages: ReadonlyMap<string, PageParts>,
  file = 'sitemap.xml',
): Problem[] {
  const root = readXml(text);
  const problems: Problem[] = [];
  for (const url of root?.children.filter((c) => c.name === 'url') ?? []) {
    const loc = url.children.find((c) => c.name === 'loc')?.text.trim() ?? '';
    const target = resolve(loc);
    if (target.kind !== 'ok' || !pages.has(target.file)) {
      const why = target.kind === 'ok' ? `is ${target.file}, not a page` : 'is not in the site';
      problems.push({ level: 'error', kind: 'sitemap', target: loc, page: file, detail: `${loc} ${why}` });
    }
  }
  return problems;
}
