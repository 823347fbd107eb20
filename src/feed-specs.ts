import type { Config } from './config.ts';
import { feedPath } from './feed-formats.ts';
import { outputPathFor } from './permalink.ts';
import type { Category, FeedSpec, Post } from './site.ts';

/** One feed per configured format for the site, each category and each tag: the same entries in each. */
export function feedSpecs(config: Config, posts: Post[], categories: Category[], tags: Category[]): FeedSpec[] {
  const homes = [
    { title: config.title, home: '/', posts },
    ...categories.map((c) => ({ title: feedTitle(config.title, c, false), home: c.path, posts: c.posts, category: c })),
    ...tags.map((t) => ({ title: feedTitle(config.title, t, true), home: t.path, posts: t.posts, tag: t })),
  ];
  return homes.flatMap((home) =>
    config.feeds.map((format) => {
      const path = feedPath(home.home, format);
      return { ...home, format, path, output: outputPathFor(path), posts: home.posts.slice(0, config.feedEntries) };
    }),
  );
}

/** "Site: Docker" for a category's feed, "Site: docker (tag)" for a tag's. */
export function feedTitle(siteTitle: string, term: Category, isTag: boolean): string {
  return `${siteTitle}: ${term.name}${isTag ? ' (tag)' : ''}`;
}
