import { defineConfig } from 'colophon';

export default defineConfig({
  title: 'Colophon',
  description: 'A static blog engine with byte-identical output, documented by its own blog.',
  url: 'https://colophon.example.org/',
  author: { name: 'The Colophon developers' },
  timezone: 'America/Los_Angeles',
  postsPerPage: 5,
  feedEntries: 10,
  feeds: ['atom', 'rss', 'json'],
  excerpts: true,
});
