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
    config.feeds.flatMap((format) => {
      const path = feedPath(home.home, format);
      const subscription = { ...home, format, path, output: outputPathFor(path) };
      if (!config.feedArchives || format === 'json') {
        return [{ ...subscription, posts: home.posts.slice(0, config.feedEntries) }];
      }
      return archivedFeed(subscription, home.posts, config.feedEntries);
    })
  );
}

/**
 * RFC 5005 archived feeds. The subscription feed holds the newest `size` posts; every older post is
 * in exactly one archive document. Archive documents are pages of `size` posts counted from the
 * oldest, so a full page never changes when a post is added: the newest page takes the post that
 * leaves the subscription feed. Once that page is full, the next (empty) page exists at once, so
 * the full page's next-archive link never has to be added later.
 */
function archivedFeed(subscription: Omit<FeedSpec, 'posts'>, posts: Post[], size: number): FeedSpec[] {
  const oldestFirst = posts.slice(size).reverse();
  const pages = oldestFirst.length === 0 ? 0 : Math.floor(oldestFirst.length / size) + 1;
  const pathOf = (n: number) => archivePath(subscription.home, subscription.format, n);
  const current = subscription.path;
  const archives = Array.from({ length: pages }, (_, i): FeedSpec => {
    const path = pathOf(i + 1);
    return {
      ...subscription,
      path,
      output: outputPathFor(path),
      posts: oldestFirst.slice(i * size, (i + 1) * size).reverse(), // newest first, as in every feed
      history: {
        archive: true,
        current,
        prev: i > 0 ? pathOf(i) : undefined,
        next: i + 1 < pages ? pathOf(i + 2) : undefined,
      },
    };
  });
  return [
    {
      ...subscription,
      posts: posts.slice(0, size),
      history: { archive: false, current, prev: pages > 0 ? pathOf(pages) : undefined },
    },
    ...archives,
  ];
}

/** "/" → "/feed/archive/3/atom.xml": the third page of the oldest posts. */
export function archivePath(home: string, format: FeedFormat, number: number): string {
  return `${home}feed/archive/${number}/${FEED_INFO[format].file}`;
}

/** "Site: Docker" for a category's feed, "Site: docker (tag)" for a tag's. */
export function feedTitle(siteTitle: string, term: Term, isTag: boolean): string {
  return `${siteTitle}: ${term.name}${isTag ? ' (tag)' : ''}`;
}

/** "/" → "/feed/atom.xml"; "/category/x/" → "/category/x/feed/rss.xml". */
export function feedPath(home: string, format: FeedFormat): string {
  return `${home}feed/${FEED_INFO[format].file}`;
}
