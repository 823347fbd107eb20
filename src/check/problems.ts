import { compareText } from '../lib/order.ts';

/** Who is to fix a problem: a source (and the line where the link is), or the theme. */
export type Origin = { file: string; line?: number } | { theme: true };

export type ProblemKind =
  | 'broken-link' // an internal link to no file
  | 'broken-fragment' // "#id" that the target page does not have
  | 'outside-base' // a link to the site's host outside its base path
  | 'duplicate-id'
  | 'no-alt'
  | 'feed' // a required element missing, or a relative link in content
  | 'sitemap' // a URL that is not a page
  | 'external' // --external: an error status or no answer
  | 'redirect'; // --external: a redirect

export interface Problem {
  level: 'error' | 'warning';
  kind: ProblemKind;
  origin?: Origin;
  target: string; // the link, id or element concerned
  page: string; // the output file it was found in
  detail?: string; // what is wrong, where the kind does not say it all
}

/** One problem as reported: found on `page` and on `pages - 1` other pages. */
export interface ReportedProblem extends Problem {
  pages: number;
  message: string;
}

/**
 * The same mistake on many pages (a broken link in a post shown on its page, an index page and a
 * category page; a theme link on every page) is one problem, reported once with where it was
 * first found, by path. Errors first, then warnings, each by file, line and target.
 */
export function problemList(problems: readonly Problem[]): ReportedProblem[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = [p.level, p.kind, originKey(p.origin), p.target, p.detail ?? ''].join('\0');
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const reported = [...groups.values()].map((group): ReportedProblem => {
    const pages = [...new Set(group.map((p) => p.page))].sort(compareText);
    const first = { ...group[0]!, page: pages[0]! };
    return { ...first, pages: pages.length, message: messageOf(first) };
  });
  return reported.sort((a, b) =>
    (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) ||
    compareText(originKey(a.origin) || a.page, originKey(b.origin) || b.page) ||
    (lineOf(a.origin) ?? 0) - (lineOf(b.origin) ?? 0) ||
    compareText(a.target, b.target) ||
    compareText(a.page, b.page)
  );
}

const originKey = (origin?: Origin) => (!origin ? '' : 'theme' in origin ? 'layouts' : origin.file);
const lineOf = (origin?: Origin) => (origin && 'file' in origin ? origin.line : undefined);

function messageOf(p: Problem): string {
  switch (p.kind) {
    case 'broken-link':
      return `links to ${p.target}, which is not in the site`;
    case 'broken-fragment':
      return `links to ${p.target}, but that page has no element with this id`;
    case 'outside-base':
      return `links to ${p.target}, on the site's host but outside its base path`;
    case 'duplicate-id':
      return `has the id "${p.target.slice(1)}" more than once on the page`;
    case 'no-alt':
      return `has an image without alt text: ${p.target}`;
    case 'redirect':
      return `links to ${p.target}, which redirects to ${p.detail}`;
    case 'external':
      return `links to ${p.target}, which ${p.detail}`;
    default:
      return p.detail ?? p.target;
  }
}

/** "content/posts/a.md:12", "layouts (the theme)", or the output file for feed and sitemap problems. */
export function where(p: ReportedProblem): string {
  if (!p.origin) return p.page;
  if ('theme' in p.origin) return 'layouts (the theme)';
  return p.origin.line === undefined ? p.origin.file : `${p.origin.file}:${p.origin.line}`;
}

/** The human-readable line of a problem. */
export function formatProblem(p: ReportedProblem): string {
  const others = p.pages > 1 ? ` and ${p.pages - 1} other page${p.pages === 2 ? '' : 's'}` : '';
  const on = p.origin ? ` (on ${p.page}${others})` : '';
  return `${p.level} ${where(p)}: ${p.message}${on}`;
}

/** The report as `colophon check` prints it (as JSON lines with `json`), and whether it passed. */
export function formatReport(
  files: number,
  problems: readonly ReportedProblem[],
  options: { json: boolean; strict: boolean },
): { lines: string[]; passed: boolean } {
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  const passed = errors === 0 && (!options.strict || warnings === 0);
  if (options.json) {
    const lines = problems.map((p) =>
      JSON.stringify({
        type: p.level,
        kind: p.kind,
        file: p.origin && 'file' in p.origin ? p.origin.file : undefined,
        line: p.origin && 'file' in p.origin ? p.origin.line : undefined,
        theme: p.origin !== undefined && 'theme' in p.origin,
        target: p.target,
        page: p.page,
        pages: p.pages,
        message: p.message,
      })
    );
    return { lines: [...lines, JSON.stringify({ type: 'summary', files, errors, warnings, passed })], passed };
  }
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const verdict = passed ? 'passed' : 'failed';
  const strict = options.strict && warnings > 0 ? ' (--strict: warnings count)' : '';
  return {
    lines: [
      ...problems.map(formatProblem),
      `Checked ${count(files, 'file')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}; ${verdict}${strict}.`,
    ],
    passed,
  };
}
