import { FEED_INFO, type FeedFormat } from '../config/feed-formats.ts';
import type { Config } from '../config/types.ts';
import { outputPathFor } from './permalink.ts';
import type { FeedSpec, Post, Term } from './types.ts';

/** One feed per configured format for the site, each category and each tag: the same entries in each. */
export function feedSpecs(config: Config, posts: Post[], categories: Term[], tags: Term[]): FeedSpec[] {
  const homes = [
    { title: config.title, home: '/', posts },
    ...categories.map((c) => ({ title: feedTitle(config.title, c, false), home: c.path, posts: c.posts, category: c })),
    ...tags.map((t) => ({ title: feedTitle(config.title, t, true), home: t.path, posts: t.posts, tag: t })),
  ];
  return homes.flatMap((home) =>
    config.feeds.map((format) => {
      const path = feedPath(home.home, format);
      return { ...home, format, path, output: outputPathFor(path), posts: home.posts.slice(0, config.feedEntries) };
    })
  );
}

/** "Site: Docker" for a category's feed, "Site: docker (tag)" for a tag's. */
export function feedTitle(siteTitle: string, term: Term, isTag: boolean): string {
  return `${siteTitle}: ${term.name}${isTag ? ' (tag)' : ''}`;
}

/** "/" → "/feed/atom.xml"; "/category/x/" → "/category/x/feed/rss.xml". */
export function feedPath(home: string, format: FeedFormat): string {
  return `${home}feed/${FEED_INFO[format].file}`;
}
