/**
 * Checks a document against JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the required fields,
 * the type of every field it defines, and that anything else is an extension (starts with "_").
 * Returns the problems found, as readable lines; none for a valid feed.
 */
const FEED_KEYS = [
  'version',
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'user_comment',
  'next_url',
  'icon',
  'favicon',
  'authors',
  'language',
  'expired',
  'hubs',
  'items',
];
const ITEM_KEYS = [
  'id',
  'url',
  'external_url',
  'title',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
  'date_published',
  'date_modified',
  'authors',
  'tags',
  'language',
  'attachments',
];
const STRINGS = [
  'title',
  'home_page_url',
  'feed_url',
  'description',
  'user_comment',
  'next_url',
  'icon',
  'favicon',
  'url',
  'external_url',
  'content_html',
  'content_text',
  'summary',
  'image',
  'banner_image',
];
const URLS = ['home_page_url', 'feed_url', 'next_url', 'icon', 'favicon', 'url', 'external_url', 'image'];
// RFC 3339: a full date and time with a UTC offset or Z.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/; // RFC 5646, the common forms

type Json = Record<string, unknown>;

export function jsonFeedProblems(feed: Json): string[] {
  const problems: string[] = [];
  const at = (where: string, problem: string) => problems.push(`${where}: ${problem}`);
  if (feed.version !== 'https://jsonfeed.org/version/1.1') at('version', `is ${JSON.stringify(feed.version)}`);
  if (typeof feed.title !== 'string') at('title', 'is required and must be a string');
  if (!Array.isArray(feed.items)) at('items', 'is required and must be an array');
  fields(feed, FEED_KEYS, 'feed', at);
  const ids = new Set<string>();
  for (const [i, item] of ((feed.items ?? []) as Json[]).entries()) {
    const where = `items[${i}]`;
    if (typeof item.id !== 'string' || item.id === '') at(`${where}.id`, 'is required and must be a string');
    else if (ids.has(item.id)) at(`${where}.id`, `${item.id} is not unique`);
    else ids.add(item.id);
    if (item.content_html === undefined && item.content_text === undefined) {
      at(where, 'needs content_html or content_text');
    }
    for (const key of ['date_published', 'date_modified']) {
      if (item[key] !== undefined && !RFC3339.test(String(item[key]))) at(`${where}.${key}`, 'is not RFC 3339');
    }
    if (item.tags !== undefined && !isStringList(item.tags)) at(`${where}.tags`, 'must be a list of strings');
    fields(item, ITEM_KEYS, where, at);
  }
  return problems;
}

/** The fields both levels share: strings, URLs, authors, language; unknown keys must be extensions. */
function fields(object: Json, known: string[], where: string, at: (where: string, problem: string) => void): void {
  for (const [key, value] of Object.entries(object)) {
    if (key === 'author') at(`${where}.author`, 'is deprecated in 1.1, replaced by authors');
    else if (!known.includes(key) && !key.startsWith('_')) at(`${where}.${key}`, 'is not a JSON Feed 1.1 field');
    if (STRINGS.includes(key) && typeof value !== 'string') at(`${where}.${key}`, 'must be a string');
    if (URLS.includes(key) && typeof value === 'string' && !URL.canParse(value)) at(`${where}.${key}`, 'is no URL');
  }
  if (object.language !== undefined && !LANGUAGE.test(String(object.language))) {
    at(`${where}.language`, 'is not an RFC 5646 language tag');
  }
  if (object.authors === undefined) return;
  if (!Array.isArray(object.authors) || object.authors.length === 0) return at(`${where}.authors`, 'must be a list');
  for (const [i, author] of (object.authors as Json[]).entries()) {
    const given = ['name', 'url', 'avatar'].filter((k) => author[k] !== undefined);
    if (given.length === 0) at(`${where}.authors[${i}]`, 'needs a name, url or avatar');
    if (given.some((k) => typeof author[k] !== 'string')) at(`${where}.authors[${i}]`, 'fields must be strings');
  }
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
