import { byteLength, MAX_NAME_BYTES, MAX_PATH_BYTES } from '../lib/limits.ts';

/** Permalink patterns: validated at config load, expanded per post with its site-local date. */
const PERMALINK_TOKENS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'slug', 'category'] as const;
export type PermalinkToken = (typeof PERMALINK_TOKENS)[number];

/** A token in a pattern: ":year", ":slug". */
export const TOKEN_RE = /:([A-Za-z_]+)/g;

/** Leading slash always; a trailing slash unless the last segment names a file (has an extension). */
export function normalizeUrlPath(path: string): string {
  let out = path.startsWith('/') ? path : `/${path}`;
  const last = out.slice(out.lastIndexOf('/') + 1);
  if (last !== '' && !/\.[A-Za-z0-9]+$/.test(last)) out += '/';
  return out;
}

/** Returns a reason when the pattern is unusable, else undefined. */
export function checkPermalinkPattern(pattern: string): string | undefined {
  return checkPattern(pattern, PERMALINK_TOKENS);
}

/** A pattern of output paths with its own tokens (`paths` has its own sets): the permalink checks. */
export function checkPattern(pattern: string, tokens: readonly string[]): string | undefined {
  for (const [, name] of pattern.matchAll(TOKEN_RE)) {
    if (!tokens.includes(name!)) {
      const known = tokens.length === 0 ? 'this pattern takes none' : `known: ${tokens.map((t) => `:${t}`).join(' ')}`;
      return `unknown token ":${name}" (${known})`;
    }
  }
  return checkUrlPath(pattern);
}

/** A site-relative URL path must stay inside the output folder. */
export function checkUrlPath(path: string): string | undefined {
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
  // Output files are named by the path as written, escapes and all.
  return checkLength(path.split('/').map((segment) => segment.replace(TOKEN_RE, '')));
}

/** The fixed text alone must fit a file system; with the tokens filled in, the site checks each post. */
function checkLength(segments: string[]): string | undefined {
  const long = segments.find((segment) => byteLength(segment) > MAX_NAME_BYTES);
  if (long !== undefined) {
    return `has a segment of ${byteLength(long)} bytes; a file or folder name can have at most ${MAX_NAME_BYTES}`;
  }
  const total = byteLength(segments.join('/'));
  return total > MAX_PATH_BYTES
    ? `is ${total} bytes long; an output path can have at most ${MAX_PATH_BYTES}`
    : undefined;
}
