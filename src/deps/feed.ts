import { Feed } from 'feed';
import { escapeHtml } from '../lib/html.ts';

/** The syntaxes `feed` writes. */
export type FeedSyntax = 'atom' | 'rss' | 'json';

export interface FeedAuthor {
  name: string;
  email?: string;
  uri?: string;
}

export interface FeedEntry {
  title: string; // plain text
  id: string;
  link: string;
  published: number;
  updated: number;
  content: string; // HTML with absolute links
  summary?: string; // HTML with absolute links: the excerpt
  categories: string[];
}

/** RFC 5005 links, as absolute URLs (see FeedHistory in the model). */
export interface FeedHistory {
  archive: boolean;
  current: string;
  prev?: string;
  next?: string;
}

export interface FeedInput {
  title: string; // plain text
  subtitle: string;
  id: string;
  link: string;
  self: string;
  author: FeedAuthor;
  language: string; // a BCP 47 tag
  entries: FeedEntry[];
  history?: FeedHistory;
}

/** `feed` writes no language into Atom: it is the root element's xml:lang, as RFC 4287 has it. */
function renderAtom(input: FeedInput): string {
  const xml = escapeAttributeBrackets(createFeed(input, 'atom').atom1());
  return xml.replace('<feed ', `<feed xml:lang="${escapeHtml(input.language)}" `);
}

/** Atom, RSS 2.0 or JSON Feed 1.1 from the same input, with the same entries. */
export function renderFeed(format: FeedSyntax, input: FeedInput): string {
  if (format === 'atom') return withHistory(renderAtom(input), 'atom', input.history);
  return format === 'rss'
    ? withHistory(createFeed(input, 'rss').rss2(), 'rss', input.history)
    : jsonFeed11(createFeed(input, 'json').json1(), input);
}

const HISTORY_NS = 'http://purl.org/syndication/history/1.0';

/**
 * `feed` has no place for RFC 5005's elements, so they go in after it: the fh namespace on the root
 * element, then after the feed's self link an `<fh:archive/>` on archive documents and the
 * `current`, `prev-archive` and `next-archive` links (in RSS as atom:link, which RSS 2.0 allows as
 * an extension).
 */
function withHistory(xml: string, format: 'atom' | 'rss', history: FeedHistory | undefined): string {
  if (!history) return xml;
  const link = format === 'atom' ? 'link' : 'atom:link';
  const attr = (url: string) => escapeHtml(url);
  const lines = [
    ...(history.archive ? ['<fh:archive/>'] : []),
    ...(history.archive ? [`<${link} rel="current" href="${attr(history.current)}"/>`] : []),
    ...(history.prev ? [`<${link} rel="prev-archive" href="${attr(history.prev)}"/>`] : []),
    ...(history.next ? [`<${link} rel="next-archive" href="${attr(history.next)}"/>`] : []),
  ];
  const root = format === 'atom' ? '<feed ' : '<rss ';
  const self = format === 'atom' ? /\n( *)<link rel="self" [^>]*\/>/ : /\n( *)<atom:link [^>]*rel="self"[^>]*\/>/;
  const withNamespace = xml.replace(root, `${root}xmlns:fh="${HISTORY_NS}" `);
  const match = self.exec(withNamespace);
  // Never expected: `feed` always writes the root element and the self link given to it.
  if (!match || withNamespace === xml) throw new Error(`feed: no place for RFC 5005 links in the ${format} feed`);
  const at = match.index + match[0].length;
  const indent = match[1]!;
  return `${withNamespace.slice(0, at)}${lines.map((l) => `\n${indent}${l}`).join('')}${withNamespace.slice(at)}`;
}

/**
 * `feed` writes JSON Feed 1.0. Version 1.1 (https://jsonfeed.org/version/1.1) deprecates `author` for
 * `authors`, a list, and adds the feed's `language`: the same object with those keys changed, printed
 * as `feed` prints it.
 */
function jsonFeed11(json: string, input: FeedInput): string {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(JSON.parse(json) as Record<string, unknown>)) {
    if (key === 'items' && input.language) out.language = input.language;
    if (key === 'author') out.authors = [value];
    else out[key] = key === 'version' ? 'https://jsonfeed.org/version/1.1' : value;
  }
  return JSON.stringify(out, null, 4);
}

/**
 * `feed` writes entry titles in XML formats as HTML in CDATA, so those are escaped before they are
 * handed over (JSON Feed titles are plain text); feed-level text and attributes it escapes itself.
 * It fills a missing `updated` (RSS: lastBuildDate) with the clock, so it is always given: the
 * newest entry's, or the Unix epoch for a feed with no entries.
 */
function createFeed(input: FeedInput, format: FeedSyntax): Feed {
  const updated = input.entries.reduce((max, e) => Math.max(max, e.updated), 0);
  const feed = new Feed({
    title: input.title,
    // RSS requires a channel description; Atom's subtitle is optional.
    description: input.subtitle || (format === 'rss' ? input.title : undefined),
    id: input.id,
    link: input.link,
    feedLinks: { [format]: input.self },
    updated: new Date(updated),
    generator: 'Colophon',
    language: input.language, // RSS only: <language> (JSON Feed's is added by jsonFeed11, Atom's by renderAtom)
    author: { name: input.author.name, email: input.author.email, link: input.author.uri },
  });
  for (const entry of input.entries) feed.addItem(itemOf(entry, format));
  return feed;
}

/**
 * Full content always. The excerpt is Atom's summary and RSS's description (with the full text in
 * content:encoded); without one, RSS's description is the full text. JSON Feed's summary is plain
 * text, so the HTML excerpt is not given there.
 */
function itemOf(entry: FeedEntry, format: FeedSyntax): Feed['items'][number] {
  const rss = format === 'rss';
  return {
    title: format === 'json' ? entry.title : escapeHtml(entry.title),
    id: entry.id,
    link: entry.link,
    date: new Date(entry.updated),
    published: new Date(entry.published),
    description: format === 'json' ? undefined : rss ? entry.summary ?? entry.content : entry.summary,
    content: rss && entry.summary === undefined ? undefined : entry.content,
    category: entry.categories.map((name) => ({ name, term: name })),
  };
}

/**
 * `feed` (through xml-js) escapes & and " in attribute values but not < and >, so a category named
 * "<script>" would come out as markup. Attribute values are always double-quoted there.
 */
function escapeAttributeBrackets(xml: string): string {
  return xml.replace(
    / (label|term|scheme)="([^"]*)"/g,
    (_, name: string, value: string) => ` ${name}="${value.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`,
  );
}
