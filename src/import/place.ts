import type { Config } from '../config/types.ts';
import { pad, type Zone } from '../lib/zone.ts';
import { colophonPlacement, permalinkForFile } from './colophon-url.ts';
import { composePost } from './post-file.ts';
import type { OldPost } from './types.ts';

export type Placed = { target: string; text: string; changes: string[] } | { reason: string };

/**
 * The new file for an old post: content/posts/YYYY/YYYY-MM-DD-slug.md, with a `permalink` added
 * when the site's own pattern would put the post anywhere but where the old engine put it. The
 * pattern is tried in each of `zones` (the site's timezone, and the one the old blog names, which
 * the report asks the user to set), and with each of `patterns` (the site's, and the one the
 * importer suggests), so the URL holds whichever of them the site ends up with.
 */
export function placePost(post: OldPost, config: Config, zones: Zone[], patterns = [config.permalink]): Placed {
  const { wall } = post;
  const day = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const target = `content/posts/${pad(wall.year, 4)}/${day}-${post.slug}.md`;
  const plain = composePost(post.data, post.body);
  const configs = patterns.map((permalink) => ({ ...config, permalink }));
  const placements = configs.flatMap((c) => zones.map((zone) => colophonPlacement(c, zone, target, plain)));
  const problem = placements.find((p) => 'problem' in p);
  if (problem && 'problem' in problem) return { reason: `the converted post would not build: ${problem.problem}` };
  const elsewhere = placements.find((p) => 'output' in p && p.output !== post.oldFile);
  if (!elsewhere || !('path' in elsewhere)) return { target, text: plain, changes: post.changes };
  const permalink = permalinkForFile(post.oldFile);
  const text = composePost(withPermalink(post.data, permalink), post.body);
  const check = colophonPlacement(config, zones[0]!, target, text);
  if ('problem' in check) {
    return { reason: `its old URL ${post.oldUrl} cannot be a Colophon permalink: ${check.problem}` };
  }
  if (check.output !== post.oldFile) {
    return { reason: `Colophon cannot write its old URL ${post.oldUrl} to ${post.oldFile}` };
  }
  const change = `permalink ${permalink} added (the site's pattern ${config.permalink} gives ${elsewhere.path})`;
  return { target, text, changes: [change, ...post.changes] };
}

/** `permalink` goes right after the date, the categories and the tags, before the rest. */
function withPermalink(data: Record<string, unknown>, permalink: string): Record<string, unknown> {
  const entries = Object.entries(data);
  const anchor = ['title', 'date', 'updated', 'categories', 'tags', 'draft'];
  let at = 0;
  entries.forEach(([key], i) => {
    if (anchor.includes(key)) at = i + 1;
  });
  return Object.fromEntries([...entries.slice(0, at), ['permalink', permalink], ...entries.slice(at)]);
}
