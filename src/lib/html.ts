const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const URL_ATTRIBUTE = /(\s(?:href|src|srcset)\s*=\s*)(["'])(.*?)\2/gi;
const NON_FRAGMENT_URL_ATTRIBUTE = /(\s(?:href|src|srcset)\s*=\s*)(["'])(?!#)(.*?)\2/gi;

/**
 * Rewrites the URL of every href/src attribute, and each URL of a srcset. Code in Markdown is
 * escaped, so only real attributes (from Markdown links and images, or raw HTML the author wrote)
 * match. With `fragments: false`, links within the page ("#section", as every heading's self-link
 * is) are left out without being looked at: the rewrites that resolve links against a page never
 * change them.
 */
export function rewriteUrls(
  html: string,
  rewrite: (url: string) => string,
  { fragments = true }: { fragments?: boolean } = {},
): string {
  // Most bodies hold no link that changes: they come back as they are, not as a copy.
  const parts: string[] = [];
  let from = 0;
  for (const match of html.matchAll(fragments ? URL_ATTRIBUTE : NON_FRAGMENT_URL_ATTRIBUTE)) {
    const url = match[3]!;
    const rewritten = /srcset/i.test(match[1]!) ? eachCandidate(url, rewrite) : rewrite(url);
    if (rewritten === url) continue;
    const start = match.index + match[1]!.length + 1; // after the opening quote
    parts.push(html.slice(from, start), rewritten);
    from = start + url.length;
  }
  if (parts.length === 0) return html;
  parts.push(html.slice(from));
  return parts.join('');
}

/** A srcset's URLs, rewritten one by one: "a.webp 640w, b.webp 1280w". */
function eachCandidate(srcset: string, rewrite: (url: string) => string): string {
  return srcset.replace(
    /(^|,)(\s*)([^\s,]+)/g,
    (_, comma: string, space: string, url: string) => `${comma}${space}${rewrite(url)}`,
  );
}

/** Root-relative links in posts ("/about/") live under the site's base path. */
export function underBase(basePath: string): (url: string) => string {
  return (url) => (basePath !== '/' && url.startsWith('/') && !url.startsWith('//') ? basePath + url.slice(1) : url);
}

/**
 * A post is shown on its own page and on lists (index, categories, tags, archives): its relative
 * links ("../other/", "img/p.png") are resolved against its own path so they work on both.
 */
export function againstPage(pagePath: string): (url: string) => string {
  return (url) => {
    if (url === '' || /^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(url)) return url;
    const resolved = new URL(url.replace(/&amp;/g, '&'), `http://site${pagePath}`);
    return `${resolved.pathname}${resolved.search}${resolved.hash}`.replace(/&/g, '&amp;');
  };
}

/** Feed readers have no page to resolve against: every relative URL becomes absolute. */
export function absoluteFrom(base: string): (url: string) => string {
  const page = base.replace(/#.*$/, '');
  return (url) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
    // A fragment of characters URLs keep as they are: what new URL would give, without parsing one.
    if (/^#[\w\-.~!$&'()*+,;=:@/?%]*$/.test(url)) return `${page}${url}`;
    try {
      return new URL(url.replace(/&amp;/g, '&'), base).href.replace(/&/g, '&amp;');
    } catch {
      return url;
    }
  };
}

const ID_OR_HREF = /(id|href)\s*=\s*(["'])/gi;

/**
 * A body shown among others (a list page shows several posts) keeps its ids apart from theirs:
 * each `id` becomes `${prefix}${id}`, and each `href="#id"` follows it. A fragment link to an id
 * this HTML does not hold (a footnote cut off by an excerpt) goes to `elsewhere`, the post's own
 * page, instead. Only attributes inside tags change: escaped code never matches. The attributes are
 * found by their names, not by reading every tag: highlighted code is thousands of tags per block.
 */
export function scopeIds(html: string, prefix: string, elsewhere: string): string {
  if (!html.includes('id') && !html.includes('#')) return html;
  const ids = new Set<string>();
  const values: { id: boolean; start: number; end: number; value: string }[] = [];
  for (const match of html.matchAll(ID_OR_HREF)) {
    const at = match.index;
    if (!/\s/.test(html[at - 1] ?? '') || html.lastIndexOf('<', at) <= html.lastIndexOf('>', at)) continue;
    const start = at + match[0].length;
    const end = html.indexOf(match[2]!, start);
    if (end < 0) continue;
    const value = html.slice(start, end);
    const id = match[1]!.length === 2;
    if (id) ids.add(value);
    else if (!value.startsWith('#') || value === '#') continue;
    values.push({ id, start, end, value });
  }
  if (values.length === 0) return html;
  const parts: string[] = [];
  let from = 0;
  for (const { id, start, end, value } of values) {
    const target = id ? value : value.slice(1);
    const scoped = id
      ? `${prefix}${value}`
      : ids.has(safeDecode(target)) || ids.has(target)
      ? `#${prefix}${target}`
      : `${elsewhere}${value}`;
    parts.push(html.slice(from, start), scoped);
    from = end;
  }
  parts.push(html.slice(from));
  return parts.join('');
}

/** decodeURIComponent, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
