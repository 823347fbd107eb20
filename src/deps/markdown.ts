import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';

export interface MarkdownOptions {
  /** Raw HTML in posts is allowed: the author is trusted. */
  html: boolean;
  /** Headings get ids and a self-link (markdown-it-anchor). */
  anchors: boolean;
  /** `[^1]` footnotes (markdown-it-footnote). */
  footnotes: boolean;
  /** A site's own markdown-it plugins, applied in order after the built-in ones. */
  plugins?: readonly (readonly [plugin: unknown, options: unknown])[];
  /** Returns HTML starting with "<pre" to replace a fenced block, or "" for plain escaped code. */
  fence?: (code: string, info: string) => string;
}

export interface Markdown {
  render(source: string): string;
}

/**
 * Something a plugin threw, with which plugin it was: `index` into the site's plugins, or -1 for a
 * built-in one. `loading` when `md.use` itself failed.
 */
export class PluginFailure extends Error {
  constructor(
    readonly index: number,
    readonly pluginName: string,
    readonly loading: boolean,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export function createMarkdown(options: MarkdownOptions): Markdown {
  const md = new MarkdownIt({
    html: options.html,
    linkify: false,
    typographer: false,
    highlight: options.fence ? (code, lang, attrs) => options.fence!(code, `${lang} ${attrs}`) : null,
  });
  const attribution = new Attribution(md);
  if (options.anchors) {
    md.use(anchor, {
      slugify: headingId,
      tabIndex: false,
      failOnNonUnique: false, // an id given twice (by a plugin such as markdown-it-attrs) is made unique
      permalink: selfLink,
    });
    attribution.claim(-1, 'the built-in heading anchors');
  }
  if (options.footnotes) {
    md.use(footnote);
    attribution.claim(-1, 'the built-in footnotes');
  }
  (options.plugins ?? []).forEach(([plugin, pluginOptions], index) => {
    const name = (plugin as { name?: string }).name || 'an unnamed plugin';
    try {
      md.use(plugin as Parameters<typeof md.use>[0], pluginOptions);
    } catch (error) {
      throw new PluginFailure(index, name, true, error);
    }
    attribution.claim(index, name);
  });
  return { render: (source) => md.render(source, {}) };
}

/**
 * GitHub's rule for heading ids, which Hugo follows by default: lower-cased, letters, digits,
 * marks, "-" and "_" kept in any script, spaces made hyphens, anything else dropped. Links to
 * sections of a moved blog keep working. A repeated id gets -1, -2 (markdown-it-anchor's rule).
 */
export function headingId(text: string): string {
  const id = text.normalize('NFC').trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, '').replace(
    /\s/g,
    '-',
  );
  return id === '' ? 'section' : id;
}

/** A "#" link to the heading, inside it, named for screen readers by the heading's text. */
const selfLink: anchor.PermalinkGenerator = (slug, options, state, index) => {
  const title = (state.tokens[index + 1]?.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
    .map((t) => t.content)
    .join('');
  anchor.permalink.linkInsideHeader({
    symbol: '#',
    placement: 'after',
    renderAttrs: () => ({ 'aria-label': `Permalink to “${title}”` }),
  })(slug, options, state, index);
};

type MarkdownItInstance = ReturnType<typeof MarkdownIt>;
type Rule = (...args: unknown[]) => unknown;
interface RuleList {
  __rules__?: { fn: Rule }[];
  __cache__?: unknown;
}

/**
 * Which plugin a failure came from. After each plugin is applied, every rule it added or replaced
 * (in the core, block and inline rulers, and the renderer's rules) is wrapped to tag what it throws
 * with that plugin. The rulers' rule lists are markdown-it internals, stable since version 8; if
 * they ever change shape, failures are still reported, only without the plugin's name.
 */
class Attribution {
  readonly #known = new Set<Rule>();
  readonly #md: MarkdownItInstance;

  constructor(md: MarkdownItInstance) {
    this.#md = md;
    this.#visit((rule) => rule);
  }

  claim(index: number, name: string): void {
    this.#visit((rule) => {
      const wrapped = function (this: unknown, ...args: unknown[]) {
        try {
          return rule.apply(this, args);
        } catch (error) {
          throw error instanceof PluginFailure ? error : new PluginFailure(index, name, false, error);
        }
      };
      return wrapped;
    });
  }

  /** Replaces each rule not seen before with `wrap(rule)`, and remembers it. */
  #visit(wrap: (rule: Rule) => Rule): void {
    const md = this.#md;
    const lists = [md.core.ruler, md.block.ruler, md.inline.ruler, md.inline.ruler2] as unknown as RuleList[];
    for (const list of lists) {
      if (!Array.isArray(list.__rules__)) continue;
      for (const entry of list.__rules__) {
        if (this.#known.has(entry.fn)) continue;
        entry.fn = wrap(entry.fn);
        this.#known.add(entry.fn);
      }
      list.__cache__ = null; // markdown-it rebuilds its chains of rules from __rules__
    }
    const rules = md.renderer.rules as Record<string, Rule | undefined>;
    for (const name of Object.keys(rules)) {
      const rule = rules[name];
      if (!rule || this.#known.has(rule)) continue;
      rules[name] = wrap(rule);
      this.#known.add(rules[name]!);
    }
  }
}

/**
 * markdown-it's version and those of the packages it renders with, as installed: part of the body
 * cache's key. Read when first asked, not when a worker loads this module.
 */
let installed: string | undefined;
export function markdownItVersion(): string {
  return (installed ??= readInstalledVersions());
}

function readInstalledVersions(): string {
  const root = dirname(fileURLToPath(import.meta.resolve('markdown-it/package.json')));
  const versionAt = (dir: string) => {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return undefined;
    }
  };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  // A dependency sits in markdown-it's own node_modules, or beside it when hoisted.
  const deps = Object.keys(pkg.dependencies ?? {}).sort().map((name) =>
    `${name}@${versionAt(join(root, 'node_modules', name)) ?? versionAt(join(root, '..', name)) ?? '?'}`
  );
  const plugins = ['markdown-it-anchor', 'markdown-it-footnote'].map((name) =>
    `${name}@${versionAt(dirname(fileURLToPath(import.meta.resolve(`${name}/package.json`)))) ?? '?'}`
  );
  return [pkg.version, ...deps, ...plugins].join(' ');
}

let decoder: ((text: string) => string) | undefined;

/** HTML entities (`&amp;`, `&#8212;`, `&hellip;`) as the characters they stand for, by markdown-it's own table. */
export function decodeEntities(text: string): string {
  decoder ??= new MarkdownIt().utils.unescapeAll;
  return text.includes('&') || text.includes('\\') ? decoder(text) : text;
}
