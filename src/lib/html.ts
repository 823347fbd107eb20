const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const URL_ATTRIBUTE = /(\s(?:href|src)\s*=\s*)(["'])(.*?)\2/gi;

/**
 * Rewrites the URL of every href/src attribute. Code in Markdown is escaped, so only real attributes
 * (from Markdown links and images, or raw HTML the author wrote) match.
 */
export function rewriteUrls(html: string, rewrite: (url: string) => string): string {
  // Most bodies hold no link that changes: they come back as they are, not as a copy.
  const parts: string[] = [];
  let from = 0;
  for (const match of html.matchAll(URL_ATTRIBUTE)) {
    const url = match[3]!;
    const rewritten = rewrite(url);
    if (rewritten === url) continue;
    const start = match.index + match[1]!.length + 1; // after the opening quote
    parts.push(html.slice(from, start), rewritten);
    from = start + url.length;
  }
  if (parts.length === 0) return html;
  parts.push(html.slice(from));
  return parts.join('');
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
  return (url) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
    try {
      return new URL(url.replace(/&amp;/g, '&'), base).href.replace(/&/g, '&amp;');
    } catch {
      return url;
    }
  };
}

const ID_ATTRIBUTE = /(<[a-z][^>]*?\sid\s*=\s*)(["'])(.*?)\2/gi;
const FRAGMENT_HREF = /(<[a-z][^>]*?\shref\s*=\s*)(["'])#(.*?)\2/gi;

/**
 * A body shown among others (a list page shows several posts) keeps its ids apart from theirs:
 * each `id` becomes `${prefix}${id}`, and each `href="#id"` follows it. A fragment link to an id
 * this HTML does not hold (a footnote cut off by an excerpt) goes to `elsewhere`, the post's own
 * page, instead. Only tags' attributes change: escaped code never matches.
 */
export function scopeIds(html: string, prefix: string, elsewhere: string): string {
  if (!html.includes('id=') && !html.includes('#')) return html;
  const ids = new Set<string>();
  const scoped = html.replace(ID_ATTRIBUTE, (_, head: string, quote: string, id: string) => {
    ids.add(id);
    return `${head}${quote}${prefix}${id}${quote}`;
  });
  return scoped.replace(FRAGMENT_HREF, (whole, head: string, quote: string, id: string) => {
    if (id === '') return whole;
    return `${head}${quote}${ids.has(id) ? `#${prefix}${id}` : `${elsewhere}#${id}`}${quote}`;
  });
}
