import type { FeedFormat } from '../config/feed-formats.ts';
import type { FeedPaths, Paths } from '../config/paths.ts';
import type { Config } from '../config/types.ts';
import { feedArchivePath, fillPattern } from './paths.ts';
import { outputPathFor } from './permalink.ts';
import type { FeedSpec, Post, Term } from './types.ts';

/**
 * One feed per configured format for the site, each category and each tag: the same entries in each.
 * A format with several paths is written at each, with its own self link; its archives (RFC 5005)
 * sit beside the first path, the one pages link to.
 */
export function feedSpecs(config: Config, posts: Post[], categories: Term[], tags: Term[]): FeedSpec[] {
  const { paths } = config;
  const homes: Pick<FeedSpec, 'title' | 'home' | 'posts' | 'category' | 'tag'>[] = [
    { title: config.title, home: paths.index, posts },
    ...categories.map((c) => ({ title: feedTitle(config.title, c, false), home: c.path, posts: c.posts, category: c })),
    ...tags.map((t) => ({ title: feedTitle(config.title, t, true), home: t.path, posts: t.posts, tag: t })),
  ];
  return homes.flatMap((home) =>
    config.feeds.flatMap((format) => {
      const [first, ...copies] = feedPaths(paths, format, home.category ?? home.tag, home.tag !== undefined);
      const subscription = { ...home, format, path: first!, output: outputPathFor(first!) };
      const documents = !config.feedArchives || format === 'json'
        ? [{ ...subscription, posts: home.posts.slice(0, config.feedEntries) }]
        : archivedFeed(subscription, home.posts, config.feedEntries);
      const copy = (path: string): FeedSpec => ({ ...documents[0]!, path, output: outputPathFor(path) });
      return [documents[0]!, ...copies.map(copy), ...documents.slice(1)];
    })
  );
}

/** Every path of one feed, the linked one first: the site's (no term), a category's or a tag's. */
export function feedPaths(paths: Paths, format: FeedFormat, term?: Term, isTag = false): string[] {
  const table: FeedPaths = term === undefined ? paths.feeds : isTag ? paths.tagFeeds : paths.categoryFeeds;
  return table[format].map((pattern) => fillPattern(pattern, term ? { slug: term.slug } : {}));
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
  const pathOf = (n: number) => feedArchivePath(subscription.path, n);
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

/** "Site: Docker" for a category's feed, "Site: docker (tag)" for a tag's. */
export function feedTitle(siteTitle: string, term: Term, isTag: boolean): string {
  return `${siteTitle}: ${term.name}${isTag ? ' (tag)' : ''}`;
}
