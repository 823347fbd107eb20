import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

export interface MarkdownOptions {
  /** Raw HTML in posts is allowed: the author is trusted. */
  html: boolean;
  /** Returns HTML starting with "<pre" to replace a fenced block, or "" for plain escaped code. */
  fence?: (code: string, info: string) => string;
}

export interface Markdown {
  render(source: string): string;
}

export function createMarkdown(options: MarkdownOptions): Markdown {
  const md = new MarkdownIt({
    html: options.html,
    linkify: false,
    typographer: false,
    highlight: options.fence ? (code, lang, attrs) => options.fence!(code, `${lang} ${attrs}`) : null,
  });
  return { render: (source) => md.render(source) };
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
  return [pkg.version, ...deps].join(' ');
}
