/** Permalink patterns: validated at config load, expanded per post with its site-local date. */
const PERMALINK_TOKENS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'slug', 'category'] as const;
export type PermalinkToken = (typeof PERMALINK_TOKENS)[number];

/** A token in a pattern: ":year", ":slug". */
export const TOKEN_RE = /:([A-Za-z_]+)/g;

/** Returns a reason when the pattern is unusable, else undefined. */
export function checkPermalinkPattern(pattern: string): string | undefined {
  for (const [, name] of pattern.matchAll(TOKEN_RE)) {
    if (!(PERMALINK_TOKENS as readonly string[]).includes(name!)) {
      return `unknown token ":${name}" (known: ${PERMALINK_TOKENS.map((t) => `:${t}`).join(' ')})`;
    }
  }
  return checkUrlPath(pattern);
}

/** A site-relative URL path must stay inside the output folder. */
function checkUrlPath(path: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) return 'must be a path, not a full URL';
  if (path.includes('\\') || path.includes('\0')) return 'must not contain backslashes or NUL';
  // Browsers decode %2e and %2f before resolving a path, so check the decoded form too.
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'has a "%" that does not start a valid escape';
  }
  if (/%2f|%5c|%00/i.test(path)) return 'must not contain encoded slashes, backslashes or NUL';
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'must not contain "." or ".." segments';
  if (/\/\/+/.test(path.replace(/^\/+/, ''))) return 'must not contain empty segments ("//")';
  return undefined;
}
