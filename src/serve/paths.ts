import type { FeedFormat } from '../config/feed-formats.ts';

/**
 * Maps a request path to an output path, refusing anything that could name a file outside the
 * output. The server only ever serves from its in-memory map, so this is the second line of defence:
 * it also keeps odd requests from matching a real page by accident.
 */
export type Resolution =
  | { kind: 'file'; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' }
  | { kind: 'bad'; reason: string };

export function resolveRequest(rawUrl: string, basePath: string, has: (path: string) => boolean): Resolution {
  const raw = rawUrl.split(/[?#]/)[0]!;
  if (!raw.startsWith('/') || raw.startsWith('//')) return { kind: 'bad', reason: 'not a site path' };
  if (/%2f|%5c|%00/i.test(raw) || raw.includes('\\')) {
    return { kind: 'bad', reason: 'encoded slashes and NUL are not allowed' };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { kind: 'bad', reason: 'malformed percent-encoding' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return { kind: 'bad', reason: 'NUL and backslashes are not allowed' };
  }
  if (decoded.split('/').some((s) => s === '.' || s === '..')) {
    return { kind: 'bad', reason: 'dot segments are not allowed' };
  }
  if (decoded === basePath.slice(0, -1) && basePath !== '/') return { kind: 'redirect', location: basePath };
  if (!decoded.startsWith(basePath)) {
    return decoded === '/' ? { kind: 'redirect', location: basePath } : { kind: 'missing' };
  }
  const rel = decoded.slice(basePath.length);
  const file = rel === '' || rel.endsWith('/') ? `${rel}index.html` : rel;
  if (has(file)) return { kind: 'file', path: file };
  if (!rel.endsWith('/') && has(`${rel}/index.html`)) return { kind: 'redirect', location: `${encodeURI(decoded)}/` };
  return { kind: 'missing' };
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  woff: 'font/woff',
  woff2: 'font/woff2',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  wasm: 'application/wasm',
};

/**
 * A feed is served as its format wherever `paths` puts it ("/feed/atom/index.xml" is Atom). RSS and
 * JSON Feed keep the generic types, which browsers show instead of downloading.
 */
export function feedType(format: FeedFormat): string {
  return format === 'atom' ? 'application/atom+xml; charset=utf-8' : format === 'rss' ? TYPES.xml! : TYPES.json!;
}

export function contentType(path: string): string {
  if (path.endsWith('atom.xml')) return 'application/atom+xml; charset=utf-8';
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}
