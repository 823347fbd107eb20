import { config, post, writeSite } from './site.ts';

/** The site: about.md, two posts, German, search on, under a sub-path. */
export function searchSite(fields: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  return writeSite({
    'site.config.ts': config({
      title: 'Feldnotizen',
      url: 'https://example.org/blog/',
      language: 'de',
      search: true,
      ...fields,
    }),
    'content/about.md': post({ title: 'Über uns' }, 'Wir schreiben über Bäume.\n'),
    'content/posts/2024-03-01-kastanie.md': post(
      { title: 'Die Kastanie', categories: 'Natur' },
      'Die Kastanie blüht im Mai.\n',
    ),
    'content/posts/2024-04-01-zebra.md': post(
      { title: 'Der Zebrastreifen', categories: 'Stadt' },
      'Weiß auf Asphalt.\n',
    ),
    ...extra,
  });
}
