import { type FeedEntry, renderFeed } from '../deps/feed.ts';
import { absoluteFrom, rewriteUrls } from '../lib/html.ts';
import type { FeedSpec, Post } from '../model/types.ts';
import type { PostView, Presenter } from './views.ts';

/** One feed file in its format: full content, the excerpt as summary, links made absolute. */
export function feedText(present: Presenter, feed: FeedSpec, entryOf: (post: Post) => FeedEntry): string {
  return renderFeed(feed.format, {
    title: feed.title,
    subtitle: feed.category || feed.tag ? '' : present.site.description,
    id: present.absolute(feed.home),
    link: present.absolute(feed.home),
    self: present.absolute(feed.path),
    author: present.site.author,
    language: present.site.language,
    entries: feed.posts.map(entryOf),
    history: feed.history && {
      archive: feed.history.archive,
      current: present.absolute(feed.history.current),
      prev: feed.history.prev && present.absolute(feed.history.prev),
      next: feed.history.next && present.absolute(feed.history.next),
    },
  });
}

/** A post as a feed entry, the same in every feed that holds it. */
export function feedEntry(post: Post, view: PostView): FeedEntry {
  const absolute = absoluteFrom(view.url);
  return {
    title: view.title,
    id: view.url,
    link: view.url,
    published: post.date,
    updated: post.updated,
    content: rewriteUrls(view.html, absolute),
    summary: view.excerpt === undefined ? undefined : rewriteUrls(view.excerpt, absolute),
    categories: termNames(view),
  };
}

/** Categories, then tags that are not also categories: feeds have one kind of category. */
function termNames(view: PostView): string[] {
  const names = view.categories.map((c) => c.name);
  const seen = new Set(names.map((n) => n.toLowerCase()));
  return [...names, ...view.tags.map((t) => t.name).filter((n) => !seen.has(n.toLowerCase()))];
}
