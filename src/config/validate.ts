import { isAbsolute, relative, resolve, sep } from 'node:path';
import { bundledLanguage, isBundledTheme } from '../deps/shiki.ts';
import { ColophonError } from '../lib/errors.ts';
import { isValidTimezone } from '../lib/zone.ts';
import { checkFeedFormats, type FeedFormat } from './feed-formats.ts';
import { checkPermalinkPattern } from './permalink-pattern.ts';
import type { Config, ConfigOverrides, SiteConfig } from './types.ts';

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
  highlight: { themes: { light: 'github-light', dark: 'github-dark' } },
  excerpts: false,
  feeds: ['atom'] as FeedFormat[],
  markdown: { html: true },
  language: '',
} satisfies Required<SiteConfig>;

type Check = (value: unknown) => string | undefined;

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
  markdown: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be { html?: boolean }';
    const { html, ...rest } = v as Record<string, unknown>;
    const unknown = Object.keys(rest)[0];
    if (unknown) return `has an unknown key "${unknown}" (known: html)`;
    return html === undefined || typeof html === 'boolean' ? undefined : '.html must be true or false';
  },
  language: (v) =>
    isString(v) ??
      (v === '' || /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(v as string)
        ? undefined
        : `"${v}" is not a language tag such as "en" or "de-CH"`),
};

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
      return '.themes must be { light: "github-light", dark: "github-dark" }';
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
    const problem = check(given[key]);
    if (problem) throw configError(`"${key}" ${problem}`);
  }
  const urlProblem = overrides.url === undefined ? undefined : checkUrl(overrides.url);
  if (urlProblem) {
    throw new ColophonError('E_CONFIG_KEY', `--base-url ${urlProblem}`, {
      hint: 'give the root URL the site is deployed at, such as --base-url https://example.org/blog/',
    });
  }
  const merged = { ...DEFAULTS, ...definedOnly(given), ...definedOnly({ url: overrides.url }) } as Required<SiteConfig>;
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
    markdown: { ...DEFAULTS.markdown, ...merged.markdown },
    siteDir,
  };
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
