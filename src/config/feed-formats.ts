/** The feed formats a site can publish, where each is written and how pages link to it. */
export const FEED_FORMATS = ['atom', 'rss', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

interface FormatInfo {
  file: string; // the file name inside a feed/ folder
  type: string; // MIME type for <link rel="alternate">
  label: string; // link text in the theme's footer
}

export const FEED_INFO: Record<FeedFormat, FormatInfo> = {
  atom: { file: 'atom.xml', type: 'application/atom+xml', label: 'Atom feed' },
  rss: { file: 'rss.xml', type: 'application/rss+xml', label: 'RSS feed' },
  json: { file: 'feed.json', type: 'application/feed+json', label: 'JSON Feed' },
};

/** The `feeds` config check: a non-empty list of known formats, each once. */
export function checkFeedFormats(value: unknown): string | undefined {
  const known = FEED_FORMATS.map((f) => `"${f}"`).join(', ');
  if (!Array.isArray(value) || value.length === 0) return `must be a non-empty list of feed formats (known: ${known})`;
  const bad = value.find((v) => !(FEED_FORMATS as readonly unknown[]).includes(v));
  if (bad !== undefined) return `has an unknown format ${JSON.stringify(bad)} (known: ${known})`;
  const twice = value.find((v, i) => value.indexOf(v) !== i);
  return twice === undefined ? undefined : `names "${twice}" twice`;
}
