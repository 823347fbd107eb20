import type { Paths } from '../config/paths.ts';
import { pagePath, paginate } from './paginate.ts';
import { fillPattern, monthValues } from './paths.ts';
import { outputPathFor } from './permalink.ts';
import type { ListPage, Month, Post, Term } from './types.ts';

/** Every paginated list: the front index, each category, each tag, each month of the archive. */
export function allLists(
  posts: Post[],
  categories: Term[],
  tags: Term[],
  months: Month[],
  per: number,
  paths: Paths,
): ListPage[] {
  const { categoryPage, tagPage, monthPage } = paths;
  return [
    ...listPages('index', paths.index, paths.indexPage, posts, per),
    ...categories.flatMap((c) =>
      listPages('category', c.path, fillPattern(categoryPage, { slug: c.slug }), c.posts, per, { category: c })
    ),
    ...tags.flatMap((t) => listPages('tag', t.path, fillPattern(tagPage, { slug: t.slug }), t.posts, per, { tag: t })),
    ...months.flatMap((m) => {
      const later = fillPattern(monthPage, monthValues(m.year, m.month));
      return listPages('month', m.path, later, m.posts, per, { month: m });
    }),
  ];
}

type ListOwner = Pick<ListPage, 'category' | 'tag' | 'month'>;

/** `later` is the pattern of pages 2, 3, ... with only :num left to fill. */
function listPages(
  kind: ListPage['kind'],
  first: string,
  later: string,
  posts: Post[],
  perPage: number,
  owner: ListOwner = {},
): ListPage[] {
  return paginate(posts, perPage).map((page) => {
    const path = pagePath(first, later, page.number);
    return {
      kind,
      ...owner,
      number: page.number,
      count: page.count,
      posts: page.items,
      path,
      output: outputPathFor(path),
      newer: page.number > 1 ? pagePath(first, later, page.number - 1) : undefined,
      older: page.number < page.count ? pagePath(first, later, page.number + 1) : undefined,
    };
  });
}
