import { pagePath, paginate } from './paginate.ts';
import { outputPathFor } from './permalink.ts';
import type { ListPage, Month, Post, Term } from './types.ts';

/** Every paginated list: the front index, each category, each tag, each month of the archive. */
export function allLists(posts: Post[], categories: Term[], tags: Term[], months: Month[], per: number): ListPage[] {
  return [
    ...listPages('index', '/', posts, per),
    ...categories.flatMap((c) => listPages('category', c.path, c.posts, per, { category: c })),
    ...tags.flatMap((t) => listPages('tag', t.path, t.posts, per, { tag: t })),
    ...months.flatMap((m) => listPages('month', m.path, m.posts, per, { month: m })),
  ];
}

type ListOwner = Pick<ListPage, 'category' | 'tag' | 'month'>;

function listPages(
  kind: ListPage['kind'],
  first: string,
  posts: Post[],
  perPage: number,
  owner: ListOwner = {},
): ListPage[] {
  return paginate(posts, perPage).map((page) => {
    const path = pagePath(first, page.number);
    return {
      kind,
      ...owner,
      number: page.number,
      count: page.count,
      posts: page.items,
      path,
      output: outputPathFor(path),
      newer: page.number > 1 ? pagePath(first, page.number - 1) : undefined,
      older: page.number < page.count ? pagePath(first, page.number + 1) : undefined,
    };
  });
}
