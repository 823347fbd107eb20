import { isAbsolute, relative, resolve, sep } from 'node:path';
import { bundledLanguage, isBundledTheme } from '../deps/shiki.ts';
import { ColophonError } from '../lib/errors.ts';
import { compareText } from '../lib/order.ts';
import { isValidTimezone } from '../lib/zone.ts';
import { checkFeedFormats, type FeedFormat } from './feed-formats.ts';
import { checkConfigAliases, normalizeAlias } from './aliases.ts';
import { checkPaths, type PathsConfig, resolvePaths } from './paths.ts';
import { checkPermalinkPattern } from './permalink-pattern.ts';
import type { Config, ConfigOverrides, NavEntry, SiteConfig } from './types.ts';

export const CONFIG_FILE = 'site.config.ts';

const DEFAULTS = {
  title: 'My Blog',
  description: '',
  url: 'https://example.org/',
  author: { name: 'Anonymous' },
  timezone: 'UTC',
  postsPerPage: 5,
  feedEntries: 10,
  outDir: 'dist',
  permalink: '/:year/:month/:day/:slug/',
  publishManifest: false,
  highlight: { themes: { light: 'github-light', dark: 'github-dark-default' } },
  excerpts: false,
  feeds: ['atom'] as FeedFormat[],
  feedArchives: false,
  markdown: { html: true, anchors: true, footnotes: true, plugins: [] },
  helpers: {},
  data: {},
  transforms: [],
  language: 'en',
  search: false,
  images: { widths: [640, 1280, 1920], sizes: '100vw' },
  paths: {} as PathsConfig,
  aliases: {},
  redirects: false,
} satisfies Required<Omit<SiteConfig, 'nav'>>;

/** A key's check; `given` is the whole configuration, for keys that depend on another. */
type Check = (value: unknown, given?: Record<string, unknown>) => string | undefined;

const isString: Check = (v) => (typeof v === 'string' ? undefined : 'must be a string');
const isCount: Check = (v) =>
  Number.isInteger(v) && (v as number) > 0 ? undefined : 'must be a whole number greater than 0';

const CHECKS: Record<keyof SiteConfig, Check> = {
  title: isString,
  description: isString,
  url: (v) => isString(v) ?? checkUrl(v as string),
  author: checkAuthor,
  timezone: (v) =>
    isString(v) ??
      (isValidTimezone(v as string) ? undefined : `"${v}" is not an IANA timezone name such as "Europe/Berlin"`),
  postsPerPage: isCount,
  feedEntries: isCount,
  outDir: (v) => isString(v) ?? (v === '' ? 'must not be empty' : undefined),
  permalink: (v) => isString(v) ?? checkPermalinkPattern(v as string),
  publishManifest: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  highlight: checkHighlight,
  excerpts: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  feeds: checkFeedFormats,
  feedArchives: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  markdown: checkMarkdown,
  helpers: (v) => checkFunctions(v, 'a helper'),
  data: (v) => (isPlainObject(v) ? checkPlainData(v, 'data') : 'must be an object of plain values'),
  transforms: (v) =>
    Array.isArray(v)
      ? firstProblem(
        v.map((t, i) => (typeof t === 'function' ? undefined : `[${i}] must be a function (html, page) => html`)),
      )
      : 'must be a list of functions (html, page) => html',
  language: (v) =>
    isString(v) ??
      (LANGUAGE_TAG.test(v as string) ? undefined : `"${v}" is not a language tag such as "en" or "de-AT"`),
  nav: checkNav,
  search: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
  images: checkImages,
  paths: (v, given) => checkPaths(v, (given?.feeds as FeedFormat[] | undefined) ?? DEFAULTS.feeds),
  aliases: (v, given) => checkConfigAliases(v, given?.redirects === true),
  redirects: (v) => (typeof v === 'boolean' ? undefined : 'must be true or false'),
};

function checkImages(value: unknown): string | undefined {
  if (value === false) return undefined;
  if (!isPlainObject(value)) return 'must be false or { widths?, sizes? }';
  const { widths, sizes, ...rest } = value;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) return `has an unknown key "${unknown}" (known: widths, sizes)`;
  if (sizes !== undefined && (typeof sizes !== 'string' || sizes.trim() === '' || /["<>&]/.test(sizes))) {
    return '.sizes must be a media list such as "(min-width: 50rem) 50rem, 100vw"';
  }
  if (widths === undefined) return undefined;
  const ok = Array.isArray(widths) && widths.length > 0 && widths.every((w) => Number.isInteger(w) && w > 0);
  return ok ? undefined : '.widths must be a list of whole numbers of pixels greater than 0, such as [640, 1280]';
}

/** The shape of a BCP 47 tag: a 2-3 letter language, then subtags. Checked by pattern, never by Intl. */
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const firstProblem = (problems: (string | undefined)[]) => problems.find((p) => p !== undefined);

function checkMarkdown(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'must be { html?, anchors?, footnotes?, plugins? }';
  const { plugins, ...flags } = value;
  for (const [key, flag] of Object.entries(flags)) {
    if (!['html', 'anchors', 'footnotes'].includes(key)) {
      return `has an unknown key "${key}" (known: html, anchors, footnotes, plugins)`;
    }
    if (flag !== undefined && typeof flag !== 'boolean') return `.${key} must be true or false`;
  }
  if (plugins === undefined) return undefined;
  if (!Array.isArray(plugins)) return '.plugins must be a list of markdown-it plugins';
  return firstProblem(plugins.map((entry, i) => checkPlugin(entry, `.plugins[${i}]`)));
}

/** A plugin is a function, or [function] or [function, options]. */
function checkPlugin(entry: unknown, at: string): string | undefined {
  if (typeof entry === 'function') return undefined;
  if (Array.isArray(entry) && entry.length >= 1 && entry.length <= 2 && typeof entry[0] === 'function') {
    return undefined;
  }
  const shape = `${at} must be a markdown-it plugin (a function) or [plugin, options]`;
  if (typeof entry === 'string') return `${shape}, not the name "${entry}": import it and list what it exports`;
  const inner = Array.isArray(entry) ? entry[0] : entry;
  if (isPlainObject(inner) && typeof inner.default === 'function') {
    return `${shape}; this is a module object: list its default export (\`import plugin from '...'\`)`;
  }
  if (Array.isArray(entry)) return `${shape}; this list has ${entry.length} items and starts with ${describe(inner)}`;
  return `${shape}, not ${describe(entry)}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object'
    ? 'an object'
    : `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`}`;
}

function checkNav(value: unknown): string | undefined {
  const shape = 'must be a list of { title, href } or page paths such as "about.md"';
  if (!Array.isArray(value)) return shape;
  return firstProblem(value.map((entry, i) => {
    if (typeof entry === 'string') {
      return /\.md$/i.test(entry) && !entry.startsWith('/') && !entry.split('/').includes('..')
        ? undefined
        : `[${i}] "${entry}" is not the path of a page under content/, such as "about.md"`;
    }
    if (!isPlainObject(entry)) return `[${i}] ${shape.replace('must be a list of', 'must be')}`;
    const unknown = Object.keys(entry).find((k) => k !== 'title' && k !== 'href');
    if (unknown) return `[${i}] has an unknown key "${unknown}" (known: title, href)`;
    for (const key of ['title', 'href']) {
      if (typeof entry[key] !== 'string' || entry[key] === '') return `[${i}].${key} must be a non-empty string`;
    }
    return undefined;
  }));
}

function checkFunctions(value: unknown, what: string): string | undefined {
  if (!isPlainObject(value)) return `must be an object of functions, such as { year: (date) => ... }`;
  const bad = Object.keys(value).sort(compareText).find((name) => typeof value[name] !== 'function');
  return bad === undefined ? undefined : `.${bad} must be a function (${what})`;
}

/**
 * Plain values only (what JSON or YAML gives, and dates): what templates print must not depend on
 * code run at render time, and every value must survive being copied and frozen.
 */
function checkPlainData(value: unknown, at: string, seen = new Set<unknown>()): string | undefined {
  if (typeof value === 'function') return `holds a function at ${at}; functions belong in "helpers"`;
  if (typeof value === 'symbol') return `holds a symbol at ${at}; give plain values (strings, numbers, lists, objects)`;
  if (typeof value !== 'object' || value === null || value instanceof Date) return undefined;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
    const kind = (value as object).constructor?.name || 'an object of a class';
    return `holds ${kind === 'an object of a class' ? kind : `a ${kind}`} at ${at}; give plain values ` +
      '(strings, numbers, lists, objects)';
  }
  if (seen.has(value)) return `refers back to itself at ${at}`;
  seen.add(value);
  const entries = Array.isArray(value)
    ? value.map((v, i): [string, unknown] => [`${at}[${i}]`, v])
    : Object.keys(value).sort(compareText).map((
      k,
    ): [string, unknown] => [`${at}.${k}`, (value as Record<string, unknown>)[k]]);
  const problem = firstProblem(entries.map(([path, v]) => checkPlainData(v, path, seen)));
  seen.delete(value);
  return problem;
}

function checkHighlight(value: unknown): string | undefined {
  if (value === false) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be false or { themes?, langs? }';
  }
  const { themes, langs, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown) return `has an unknown key "${unknown}" (known: themes, langs)`;
  if (themes !== undefined) {
    const t = themes as Record<string, unknown>;
    if (typeof t !== 'object' || t === null || typeof t.light !== 'string' || typeof t.dark !== 'string') {
      return '.themes must be { light: "github-light", dark: "github-dark-default" }';
    }
    for (const name of [t.light, t.dark] as string[]) {
      if (!isBundledTheme(name)) return `.themes: "${name}" is not a bundled shiki theme`;
    }
  }
  if (langs !== undefined) {
    if (!Array.isArray(langs) || langs.some((l) => typeof l !== 'string')) {
      return '.langs must be a list of language names';
    }
    const bad = (langs as string[]).find((l) => !bundledLanguage(l));
    if (bad) return `.langs: "${bad}" is not a bundled shiki language`;
  }
  return undefined;
}

function checkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not an absolute URL such as "https://example.org/"`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL';
  if (parsed.search || parsed.hash) return 'must not have a query or fragment';
  return undefined;
}

function checkAuthor(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be { name, email?, uri? }';
  const author = value as Record<string, unknown>;
  for (const key of Object.keys(author)) {
    if (!['name', 'email', 'uri'].includes(key)) return `has an unknown key "${key}" (known: name, email, uri)`;
    if (typeof author[key] !== 'string') return `.${key} must be a string`;
  }
  return typeof author.name === 'string' ? undefined : '.name is required';
}

/** The configuration with every default filled in; its `fingerprint` is loadConfig's to set. */
export function validateConfig(raw: unknown, siteDir: string, overrides: ConfigOverrides = {}): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ColophonError('E_CONFIG_SHAPE', 'the default export is not a configuration object', {
      file: CONFIG_FILE,
      hint: 'write `export default defineConfig({ title: "My Blog", url: "https://example.org/" })`',
    });
  }
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given).sort()) {
    const check = CHECKS[key as keyof SiteConfig];
    if (!check) {
      throw configError(`unknown key "${key}"`, `known keys: ${Object.keys(CHECKS).join(', ')}`);
    }
    if (given[key] === undefined) continue;
    const problem = check(given[key], given);
    if (problem) throw configError(`"${key}" ${problem}`);
  }
  const urlProblem = overrides.url === undefined ? undefined : checkUrl(overrides.url);
  if (urlProblem) {
    throw new ColophonError('E_CONFIG_KEY', `--base-url ${urlProblem}`, {
      hint: 'give the root URL the site is deployed at, such as --base-url https://example.org/blog/',
    });
  }
  const merged = { ...DEFAULTS, ...definedOnly(given), ...definedOnly({ url: overrides.url }) } as
    & Required<Omit<SiteConfig, 'nav'>>
    & SiteConfig;
  const url = merged.url.endsWith('/') ? merged.url : `${merged.url}/`;
  const highlight = merged.highlight === false ? false : {
    themes: { ...DEFAULTS.highlight.themes, ...merged.highlight.themes },
    langs: merged.highlight.langs?.map((l) => bundledLanguage(l)!),
  };
  checkOutDir(merged.outDir, siteDir);
  return {
    ...merged,
    url,
    basePath: new URL(url).pathname,
    author: { ...merged.author },
    feeds: [...merged.feeds],
    highlight,
    images: merged.images === false ? false : {
      widths: [...new Set(merged.images.widths ?? DEFAULTS.images.widths)].sort((a, b) => a - b),
      sizes: merged.images.sizes ?? DEFAULTS.images.sizes,
    },
    markdown: {
      ...DEFAULTS.markdown,
      ...definedOnly(merged.markdown as Record<string, unknown>),
      plugins: (merged.markdown.plugins ?? []).map((e) => (Array.isArray(e) ? [e[0], e[1]] : [e, undefined])),
    },
    helpers: { ...merged.helpers },
    data: deepFreeze(structuredClone(merged.data)),
    transforms: [...merged.transforms],
    nav: given.nav === undefined ? undefined : (merged.nav as NavEntry[]).map(navEntry),
    paths: resolvePaths(merged.paths),
    aliases: Object.entries(merged.aliases).map(([from, to]) => ({
      from: normalizeAlias(from),
      to: normalizeAlias(to),
    })),
    fingerprint: '',
    siteDir,
  };
}

/** A page path is kept relative to the site: "about.md" and "content/about.md" are one page. */
function navEntry(entry: NavEntry): NavEntry {
  if (typeof entry !== 'string') return { title: entry.title, href: entry.href };
  const path = entry.replace(/^(?:\.\/)+/, '');
  return path.startsWith('content/') ? path : `content/${path}`;
}

/** Templates share one `data`: a page that changed it would change the pages rendered after it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function definedOnly(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

function configError(message: string, hint?: string): ColophonError {
  return new ColophonError('E_CONFIG_KEY', message, { file: CONFIG_FILE, hint });
}

/** The build replaces outDir wholesale, so it must never be, hold or sit inside the sources. */
function checkOutDir(outDir: string, siteDir: string): void {
  const out = resolve(siteDir, outDir);
  const fromOut = relative(out, siteDir);
  const holdsSite = fromOut === '' || (!fromOut.startsWith('..') && !isAbsolute(fromOut));
  const rel = relative(siteDir, out);
  const top = rel.split(sep)[0]!;
  const inSources = !rel.startsWith('..') && !isAbsolute(rel) && PROTECTED.includes(top);
  if (holdsSite || inSources) {
    throw configError(
      `"outDir" is "${outDir}", which would replace the site's own files`,
      'use a folder that holds nothing else, such as "dist"',
    );
  }
}

const PROTECTED = ['content', 'layouts', 'public', 'node_modules', '.git', CONFIG_FILE];
