import { escapeHtml } from '../lib/html.ts';
import { fencedBlock } from './fence.ts';

export interface ShortcodeResult {
  body: string;
  changes: string[];
}

/** A shortcode's arguments: positional ones in order, named ones by name; quotes (", `) dropped. */
export function shortcodeArgs(text: string): { positional: string[]; named: Map<string, string> } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const match of text.matchAll(/(?:([A-Za-z_][\w-]*)=)?(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`]+))/g)) {
    const value = match[2]?.replace(/\\(.)/g, '$1') ?? match[3] ?? match[4] ?? '';
    if (match[1]) named.set(match[1], value);
    else positional.push(value);
  }
  return { positional, named };
}

const HIGHLIGHT =
  /\{\{([<%])\s*highlight\s+([^\s>%]+)([^\n]*?)\s*[>%]\}\}\n?([\s\S]*?)\n?\{\{[<%]\s*\/highlight\s*[>%]\}\}/g;
const SHORTCODE = /\{\{([<%])\s*(\/?)([\w-]+)((?:[^>%"`]|"(?:[^"\\]|\\.)*"|`[^`]*`)*?)\s*[>%]\}\}/g;

/**
 * Hugo's common shortcodes as Markdown or HTML: highlight (a fence), figure, ref/relref (the URL of
 * the content it names, from `refs`), youtube, vimeo (an embedded player) and tweet (a link).
 * Any other shortcode becomes an HTML comment holding it, so no page shows it, and is reported with
 * its line in the file.
 */
export function convertShortcodes(
  body: string,
  refs: (name: string) => string | undefined,
  bodyLine: number,
): ShortcodeResult {
  const changes: string[] = [];
  const counts = new Map<string, number>();
  const count = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  let text = body.replace(HIGHLIGHT, (_, _kind: string, lang: string, args: string, code: string) => {
    count('highlight');
    if (args.trim()) changes.push(`highlight options dropped: ${args.trim()}`);
    return fencedBlock(lang.replace(/^"|"$/g, ''), code);
  });
  const lineOf = (index: number) => bodyLine + text.slice(0, index).split('\n').length - 1;
  text = text.replace(
    SHORTCODE,
    (whole: string, _kind: string, closing: string, name: string, rest: string, index: number) => {
      const args = shortcodeArgs(rest);
      const converted = closing ? undefined : convertOne(name, args, refs);
      if (converted !== undefined) {
        count(name);
        return converted;
      }
      changes.push(`Hugo shortcode at line ${lineOf(index)} left in an HTML comment, convert it by hand: ${whole}`);
      return `<!-- ${whole.replace(/--/g, '- -')} -->`;
    },
  );
  // A shortcode written to be shown, `{{</* figure */>}}`, is shown as Hugo showed it: `{{< figure >}}`.
  text = text.replace(/\{\{([<%])\/\*\s*([\s\S]*?)\s*\*\/([>%])\}\}/g, '{{$1 $2 $3}}');
  const done = [...counts].map(([name, n]) => `${n} ${name}`).join(', ');
  if (done) changes.unshift(`shortcodes converted: ${done}`);
  return { body: text, changes };
}

/** Embedded players: the address a video's id is appended to, and the player's default title. */
const PLAYERS: Record<string, [string, string]> = {
  youtube: ['https://www.youtube-nocookie.com/embed/', 'YouTube video'],
  vimeo: ['https://player.vimeo.com/video/', 'Vimeo video'],
};

function convertOne(
  name: string,
  { positional, named }: ReturnType<typeof shortcodeArgs>,
  refs: (name: string) => string | undefined,
): string | undefined {
  const arg = (key: string, at?: number) => named.get(key) ?? (at === undefined ? undefined : positional[at]);
  switch (name) {
    case 'ref':
    case 'relref': {
      const target = arg('path', 0);
      if (target === undefined) return undefined;
      const [path, fragment] = target.split('#');
      const url = path === '' ? '' : refs(path!);
      return url === undefined ? undefined : `${url}${fragment ? `#${fragment}` : ''}`;
    }
    case 'figure':
      return figure(named);
    case 'youtube':
    case 'vimeo': {
      const id = arg('id', 0);
      if (!id) return undefined;
      const [src, label] = PLAYERS[name]!;
      const title = escapeHtml(arg('title') ?? label);
      return `<iframe src="${src}${encodeURIComponent(id)}" title="${title}" ` +
        'width="560" height="315" allowfullscreen loading="lazy"></iframe>';
    }
    case 'tweet': {
      const id = arg('id', positional.length > 1 ? 1 : 0);
      if (!id) return undefined;
      const user = arg('user', positional.length > 1 ? 0 : undefined);
      const url = `https://twitter.com/${user ? encodeURIComponent(user) : 'i'}/status/${encodeURIComponent(id)}`;
      return `[${user ? `Post by @${user}` : 'Post'} on X (Twitter)](${url})`;
    }
    default:
      return undefined;
  }
}

function figure(named: Map<string, string>): string | undefined {
  const src = named.get('src');
  if (!src) return undefined;
  const alt = named.get('alt') ?? named.get('caption') ?? named.get('title') ?? '';
  let img = `<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`;
  const link = named.get('link');
  if (link) img = `<a href="${escapeHtml(link)}">${img}</a>`;
  const title = named.get('title');
  const caption = named.get('caption');
  const text = [title && `<strong>${escapeHtml(title)}</strong>`, caption && escapeHtml(caption)].filter(Boolean).join(
    ' ',
  );
  return `<figure>${img}${text ? `<figcaption>${text}</figcaption>` : ''}</figure>`;
}
