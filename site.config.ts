import { defineConfig } from 'colophon';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  title: 'Colophon',
  description: 'A static blog engine with byte-identical output, documented by its own blog.',
  url: 'https://colophon.example.org/',
  author: { name: 'The Colophon developers' },
  timezone: 'America/Los_Angeles',
  postsPerPage: 5,
  feedEntries: 10,
  feeds: ['atom', 'rss', 'json'],
  feedArchives: true,
  excerpts: true,
  // A Pagefind index and a search box in the header (see the post "Navigation, link previews and search").
  search: true,
  // Shown under the post "Extending Colophon" by layouts/built-with.eta.
  data: {
    builtWith: Object.entries(pkg.dependencies).map(([name, range]) => ({ name, range })),
  },
  helpers: {
    /** The major version a dependency range asks for: "^15.0.3" is 15. */
    major: (range: string) => Number(/\d+/.exec(range)?.[0]),
  },
});
