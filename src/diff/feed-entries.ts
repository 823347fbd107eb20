import { parseMarkup } from '../deps/markup.ts';

/** One entry of a feed: its id (Atom id, RSS guid or link, JSON Feed id), title and every field as text. */
export interface FeedEntry {
  id: string;
  title: string;
  fields: Map<string, string>; // element (or JSON key) ▶ its attributes and text, repeated ones joined
}

/** A feed read for comparison: its own fields (title, updated, ...) and its entries in order. */
export interface FeedContents {
  fields: Map<string, string>;
  entries: FeedEntry[];
}

/** Reads an Atom, RSS 2.0 or JSON Feed document; undefined when it is none of them. */
export function readFeed(text: string): FeedContents | undefined {
  return text.trimStart().startsWith('{') ? readJsonFeed(text) : readXmlFeed(text);
}

function readJsonFeed(text: string): FeedContents | undefined {
  let feed: unknown;
  try {
    feed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(feed) || !Array.isArray(feed.items)) return undefined;
  const fields = jsonFields(feed, 'items');
  const entries = feed.items.filter(isObject).map((item) => {
    const own = jsonFields(item);
    return { id: String(item.id ?? item.url ?? ''), title: String(item.title ?? ''), fields: own };
  });
  return { fields, entries };
}

function jsonFields(object: Record<string, unknown>, except?: string): Map<string, string> {
  const keys = Object.keys(object).filter((k) => k !== except).sort();
  return new Map(keys.map((k) => [k, JSON.stringify(object[k])]));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Atom entries are the `entry` children of `feed`; RSS items the `item` children of `channel`.
 * Every other child of those is a field, read with all it holds (an author's name, a link's href).
 */
function readXmlFeed(text: string): FeedContents | undefined {
  const fields = new Map<string, string>();
  const entries: FeedEntry[] = [];
  let root = '';
  let depth = 0;
  let entry: { fields: Map<string, string>; texts: Map<string, string> } | undefined;
  let field: { name: string; depth: number; value: string; text: string } | undefined;
  const container = () => (root === 'rss' ? 2 : 1); // the depth of feed, or of rss > channel
  parseMarkup(text, {
    open(name, attributes) {
      depth++;
      if (depth === 1) root = name;
      const attrs = Object.keys(attributes).length > 0 ? JSON.stringify(attributes) : '';
      if (field) field.value += `<${name}${attrs}>`;
      else if (depth === container() + 1 && isEntry(name)) entry = { fields: new Map(), texts: new Map() };
      else if (depth === container() + (entry ? 2 : 1)) field = { name, depth, value: attrs, text: '' };
    },
    text(text) {
      if (field) field.value += text, field.text += text;
    },
    close(name) {
      if (field && depth === field.depth) {
        append(entry?.fields ?? fields, field.name, field.value);
        if (entry && !entry.texts.has(field.name)) entry.texts.set(field.name, field.text.trim());
        field = undefined;
      } else if (entry && depth === container() + 1 && isEntry(name)) {
        entries.push(xmlEntry(entry.fields, entry.texts));
        entry = undefined;
      }
      depth--;
    },
  }, { xml: true });
  return root === 'feed' || root === 'rss' ? { fields, entries } : undefined;
}

const isEntry = (name: string) => name === 'entry' || name === 'item';

function append(fields: Map<string, string>, name: string, value: string): void {
  const before = fields.get(name);
  fields.set(name, before === undefined ? value : `${before}\n${value}`);
}

/** Its id is the text of id (Atom), guid or link (RSS), without the attributes compared with the rest. */
function xmlEntry(fields: Map<string, string>, texts: Map<string, string>): FeedEntry {
  const id = texts.get('id') ?? texts.get('guid') ?? texts.get('link') ?? '';
  return { id, title: texts.get('title') ?? '', fields };
}
