import { FEED_FORMATS, FEED_INFO, type FeedFormat } from './feed-formats.ts';
import { checkPattern, normalizeUrlPath as normalize, TOKEN_RE } from './permalink-pattern.ts';

/** Feed paths by format, as written in site.config.ts: one path or several (the first is linked to). */
export type FeedPathsConfig = Partial<Record<FeedFormat, string | string[]>>;

/** `paths` in site.config.ts: where lists, feeds and the sitemap are written. Every key is optional. */
export interface PathsConfig {
  index?: string;
  indexPage?: string;
  category?: string;
  categoryPage?: string;
  categories?: string;
  tag?: string;
  tagPage?: string;
  tags?: string;
  archive?: string;
  month?: string;
  feeds?: FeedPathsConfig;
  categoryFeeds?: FeedPathsConfig;
  tagFeeds?: FeedPathsConfig;
  sitemap?: string;
}

/** Every feed format's paths; the first is the one pages link to. */
export type FeedPaths = Record<FeedFormat, string[]>;

/** `paths` with every default filled in, each pattern with a leading slash. */
export interface Paths {
  index: string;
  indexPage: string;
  category: string;
  categoryPage: string;
  categories: string;
  tag: string;
  tagPage: string;
  tags: string;
  archive: string;
  month: string;
  /** Not configurable: a month's later pages are beside its first, "/archive/2024/03/page/2/". */
  monthPage: string;
  feeds: FeedPaths;
  categoryFeeds: FeedPaths;
  tagFeeds: FeedPaths;
  sitemap: string;
}

type ListKey = Exclude<keyof Paths, 'feeds' | 'categoryFeeds' | 'tagFeeds' | 'sitemap' | 'monthPage'>;
type FeedKey = 'feeds' | 'categoryFeeds' | 'tagFeeds';

/** The tokens each pattern takes; each of them is also required, or every page would get one path. */
const LIST_TOKENS: Record<ListKey, string[]> = {
  index: [],
  indexPage: ['num'],
  category: ['slug'],
  categoryPage: ['slug', 'num'],
  categories: [],
  tag: ['slug'],
  tagPage: ['slug', 'num'],
  tags: [],
  archive: [],
  month: ['year', 'month'],
};
const FEED_TOKENS: Record<FeedKey, string[]> = { feeds: [], categoryFeeds: ['slug'], tagFeeds: ['slug'] };
const KEYS = [...Object.keys(LIST_TOKENS), ...Object.keys(FEED_TOKENS), 'sitemap'];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `paths` config check: known keys, and every pattern usable; `formats` is the config's `feeds`. */
export function checkPaths(value: unknown, formats: readonly FeedFormat[]): string | undefined {
  if (!isPlainObject(value)) return 'must be an object such as { category: "/categories/:slug/" }';
  for (const key of Object.keys(value)) {
    const given = value[key];
    if (!KEYS.includes(key)) return `has an unknown key "${key}" (known: ${KEYS.join(', ')})`;
    if (given === undefined) continue;
    const problem = key in FEED_TOKENS
      ? checkFeedPaths(given, FEED_TOKENS[key as FeedKey], formats)
      : key === 'sitemap'
      ? checkOne(given, [], true)
      : checkOne(given, LIST_TOKENS[key as ListKey], false);
    if (problem) return `.${key}${problem.startsWith('.') ? '' : ' '}${problem}`;
  }
  return undefined;
}

function checkFeedPaths(value: unknown, tokens: string[], formats: readonly FeedFormat[]) {
  if (!isPlainObject(value)) return 'must be an object of feed paths such as { atom: "/feed/atom.xml" }';
  for (const format of Object.keys(value)) {
    const given = value[format];
    if (!(FEED_FORMATS as readonly string[]).includes(format)) {
      return `has an unknown feed format "${format}" (known: ${FEED_FORMATS.join(', ')})`;
    }
    if (given === undefined) continue;
    if (!formats.includes(format as FeedFormat)) {
      return `.${format} is set, but "feeds" does not publish ${format} (add "${format}" to "feeds")`;
    }
    const list = Array.isArray(given) ? given : [given];
    if (list.length === 0) return `.${format} must be a path or a non-empty list of paths`;
    for (const [i, path] of list.entries()) {
      const problem = checkOne(path, tokens, true);
      if (problem) return `.${format}${Array.isArray(given) ? `[${i}]` : ''} ${problem}`;
    }
    const twice = list.find((p, i) => list.indexOf(p) !== i);
    if (twice !== undefined) return `.${format} names "${twice}" twice`;
  }
  return undefined;
}

/** One pattern: a string with the permalink checks, its required tokens, and a file name if `file`. */
function checkOne(value: unknown, tokens: string[], file: boolean): string | undefined {
  if (typeof value !== 'string' || value === '') return 'must be a non-empty string such as "/tag/:slug/"';
  const problem = checkPattern(value, tokens);
  if (problem) return `"${value}": ${problem}`;
  const used = new Set([...value.matchAll(TOKEN_RE)].map((m) => m[1]));
  const missing = tokens.find((t) => !used.has(t));
  if (missing) return `"${value}" must contain :${missing}, or every page would have the same path`;
  const last = value.slice(value.lastIndexOf('/') + 1);
  if (file && !/\.[A-Za-z0-9]+$/.test(last)) {
    return `"${value}" must end in a file name such as "atom.xml" or "index.xml"`;
  }
  return undefined;
}

/** The folder a pattern's file is in: "/tag/:slug/" and "/tag/:slug/index.html" are both in "/tag/:slug/". */
const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** The folder a term pattern's index lives in: "/blog/category/:slug/" → "/blog/category/". */
function termIndexOf(pattern: string, fallback: string): string {
  const segments = pattern.split('/');
  const first = segments.findIndex((s) => /:[A-Za-z_]/.test(s));
  const prefix = `${segments.slice(0, first).join('/')}/`;
  return prefix === '/' ? fallback : prefix;
}

/** Every default filled in: a key left out derives from the one it hangs off (see the README). */
export function resolvePaths(given: PathsConfig = {}): Paths {
  const norm = (v: string | undefined) => (v === undefined ? undefined : normalize(v));
  const index = norm(given.index) ?? '/';
  const category = norm(given.category) ?? '/category/:slug/';
  const tag = norm(given.tag) ?? '/tag/:slug/';
  const archive = norm(given.archive) ?? '/archive/';
  const month = norm(given.month) ?? `${folderOf(archive)}:year/:month/`;
  const feeds = (own: FeedPathsConfig | undefined, home: string): FeedPaths => {
    const entry = (format: FeedFormat) => {
      const value = own?.[format];
      if (value === undefined) return [`${folderOf(home)}feed/${FEED_INFO[format].file}`];
      return (Array.isArray(value) ? value : [value]).map(normalize);
    };
    return { atom: entry('atom'), rss: entry('rss'), json: entry('json') };
  };
  return {
    index,
    indexPage: norm(given.indexPage) ?? `${folderOf(index)}page/:num/`,
    category,
    categoryPage: norm(given.categoryPage) ?? `${folderOf(category)}page/:num/`,
    categories: norm(given.categories) ?? termIndexOf(category, '/category/'),
    tag,
    tagPage: norm(given.tagPage) ?? `${folderOf(tag)}page/:num/`,
    tags: norm(given.tags) ?? termIndexOf(tag, '/tag/'),
    archive,
    month,
    monthPage: `${folderOf(month)}page/:num/`,
    feeds: feeds(given.feeds, index),
    categoryFeeds: feeds(given.categoryFeeds, category),
    tagFeeds: feeds(given.tagFeeds, tag),
    sitemap: norm(given.sitemap) ?? '/sitemap.xml',
  };
}
