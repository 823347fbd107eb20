import { escapeHtml } from '../lib/html.ts';
import type { Redirect } from '../model/types.ts';
import type { Presenter } from './views.ts';

/**
 * The page left at an old path: a browser follows its refresh at once, a search engine reads the
 * canonical link and does not index it, and a reader without either has a plain link. Links are
 * the site's own paths, so that the dev server keeps the reader on it; only the canonical is absolute.
 */
export function redirectPage(present: Presenter, redirect: Redirect): string {
  const href = escapeHtml(present.href(redirect.to));
  const canonical = escapeHtml(present.absolute(redirect.to));
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(present.site.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>Moved to ${canonical}</title>`,
    `<link rel="canonical" href="${canonical}">`,
    '<meta name="robots" content="noindex">',
    `<meta http-equiv="refresh" content="0; url=${href}">`,
    '</head>',
    '<body>',
    `<p>This page has moved to <a href="${href}">${canonical}</a>.</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** `_redirects` (Netlify, Cloudflare Pages): one permanent redirect a line, by old path, base path applied. */
export function redirectsFile(present: Presenter, redirects: readonly Redirect[]): string {
  return redirects.map((r) => `${present.href(r.from)} ${present.href(r.to)} 301\n`).join('');
}
