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

export interface FeedInput {
  title: string; // plain text
  subtitle: string;
  id: string;
  link: string;
  self: string;
  author: FeedAuthor;
  language: string; // a BCP 47 tag
  entries: FeedEntry[];
}

/** `feed` writes no language into Atom: it is the root element's xml:lang, as RFC 4287 has it. */
function renderAtom(input: FeedInput): string {
  const xml = escapeAttributeBrackets(createFeed(input, 'atom').atom1());
  return xml.replace('<feed ', `<feed xml:lang="${escapeHtml(input.language)}" `);
}

/** Atom, RSS 2.0 or JSON Feed 1 from the same input, with the same entries. */
export function renderFeed(format: FeedSyntax, input: FeedInput): string {
  if (format === 'atom') return renderAtom(input);
  return format === 'rss' ? createFeed(input, 'rss').rss2() : createFeed(input, 'json').json1();
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
    author: { name: input.author.name, email: input.author.email, link: input.author.uri },
    language: input.language, // RSS <language>
  });
  // JSON Feed 1.1's top-level "language"; `feed` passes an extension's value through as it is.
  // (Its type asks for an object; the value is written as it is.)
  const language = input.language as unknown as Record<string, unknown>;
  if (format === 'json') feed.addExtension({ name: 'language', objects: language });
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
