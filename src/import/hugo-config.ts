import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseToml } from '../deps/toml.ts';
import { parseYaml } from '../deps/yaml.ts';
import { isValidTimezone } from '../lib/zone.ts';

const FILES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
];

/** What the importer uses of a Hugo site's configuration, with Hugo's defaults. */
export interface HugoSettings {
  file?: string;
  title?: string;
  description?: string;
  author?: string;
  /** baseURL with a final "/", and its path ("/" or "/blog/"). */
  url?: string;
  timezone?: string;
  perPage: number;
  /** Section (or "posts", "post") -> its permalink pattern, Hugo's tokens. */
  permalinks: Record<string, string>;
  uglyUrls: boolean;
  /** The taxonomies' URL folders: categories and tags, unless renamed. */
  categories?: string;
  tags?: string;
}

/** Reads the first of Hugo's configuration files that exists; keys in any letter case, as Hugo reads them. */
export async function readHugoSettings(dir: string): Promise<HugoSettings> {
  for (const file of FILES) {
    const text = await readFile(join(dir, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = file.endsWith('.toml') ? parseToml(text) : file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch {
      data = {};
    }
    return settingsFrom(lower(data) as Record<string, unknown>, file);
  }
  return settingsFrom({}, undefined);
}

function settingsFrom(data: Record<string, unknown>, file: string | undefined): HugoSettings {
  const text = (value: unknown) => typeof value === 'string' && value.trim() !== '' ? value : undefined;
  const table = (value: unknown) => typeof value === 'object' && value !== null ? value as Record<string, unknown> : {};
  const base = text(data.baseurl);
  const url = base && /^https?:\/\//.test(base) ? base.replace(/\/*$/, '/') : undefined;
  const pagination = table(data.pagination);
  const perPage = Number(pagination.pagersize ?? data.paginate ?? 10);
  const permalinks: Record<string, string> = {};
  const links = table(data.permalinks);
  for (const [key, value] of Object.entries({ ...links, ...table(links.page) })) {
    if (typeof value === 'string') permalinks[key] = value;
  }
  const taxonomies = table(data.taxonomies);
  const taxonomy = (singular: string, plural: string) =>
    Object.keys(taxonomies).length === 0 ? plural : text(taxonomies[singular]);
  const timezone = text(data.timezone);
  return {
    file,
    title: text(data.title),
    description: text(table(data.params).description),
    author: text(table(data.params).author) ?? text(table(data.author).name) ?? text(data.author),
    url,
    timezone: timezone && isValidTimezone(timezone) ? timezone : undefined,
    perPage: Number.isInteger(perPage) && perPage > 0 ? perPage : 10,
    permalinks,
    uglyUrls: data.uglyurls === true,
    categories: taxonomy('category', 'categories'),
    tags: taxonomy('tag', 'tags'),
  };
}

/** Hugo reads configuration keys in any case (baseURL, baseurl): lower-case them, values as they are. */
function lower(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key.toLowerCase(), key === 'permalinks' ? item : lower(item)]),
  );
}
