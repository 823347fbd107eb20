import { Feed } from 'feed';
import type { Author } from '../config.ts';
import { escapeHtml } from '../html.ts';

export interface AtomEntry {
  title: string; // plain text
  id: string;
  link: string;
  published: number;
  updated: number;
  content: string; // HTML with absolute links
  categories: string[];
}

export interface AtomInput {
  title: string; // plain text
  subtitle: string;
  id: string;
  link: string;
  self: string;
  author: Author;
  entries: AtomEntry[];
}

/**
 * `feed` writes entry titles as type="html" in CDATA, so those are escaped before they are handed over;
 * feed-level text and attributes it escapes itself.
 * It fills a missing `updated` with the clock, so it is always given: the newest entry's, or the
 * Unix epoch for a feed with no entries.
 */
export function renderAtom(input: AtomInput): string {
  const updated = input.entries.reduce((max, e) => Math.max(max, e.updated), 0);
  const author = { name: input.author.name, email: input.author.email, link: input.author.uri };
  const feed = new Feed({
    title: input.title,
    description: input.subtitle || undefined,
    id: input.id,
    link: input.link,
    feedLinks: { atom: input.self },
    updated: new Date(updated),
    generator: 'Colophon',
    author,
  });
  for (const entry of input.entries) {
    feed.addItem({
      title: escapeHtml(entry.title),
      id: entry.id,
      link: entry.link,
      date: new Date(entry.updated),
      published: new Date(entry.published),
      content: entry.content,
      category: entry.categories.map((name) => ({ name, term: name })),
    });
  }
  return escapeAttributeBrackets(feed.atom1());
}

/**
 * `feed` (through xml-js) escapes & and " in attribute values but not < and >, so a category named
 * "<script>" would come out as markup. Attribute values are always double-quoted there.
 */
function escapeAttributeBrackets(xml: string): string {
  return xml.replace(/ (label|term|scheme)="([^"]*)"/g, (_, name: string, value: string) => ` ${name}="${value.replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`);
}
