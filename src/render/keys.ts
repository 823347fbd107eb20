import { describeValue } from '../config/fingerprint.ts';
import { bodyDigest } from '../content/source.ts';
import type { Templates } from '../deps/eta.ts';
import { sha256 } from '../lib/digest.ts';
import type { FeedSpec, ListPage, Post, Site, Term } from '../model/types.ts';
import { sitemapEntries } from './sitemap.ts';
import { createPresenter } from './views.ts';

/**
 * Output path ▶ a digest of everything that output is made from: its dependencies, recorded so that
 * a rebuild renders only the outputs whose digest changed (output/ keeps the file when it is the one
 * the last build wrote). Every key starts from what every page sees: the engine, the configuration
 * (its fingerprint and its values) and the site-wide view (title, feeds, the header's links,
 * favicons). Then each kind adds its own: the templates its page reaches (Templates.digestOf: an
 * edit to list.eta re-renders lists only; feeds use none), and a post page its source, date, terms
 * and neighbours; a list its posts; a feed its entries; the archive every post.
 *
 * A post's or page's key also takes in what the image pass made of its body (`images`).
 *
 * sitemap.xml takes what its entries are made of. An output left out here (public/ files, the
 * search index, and any kind added later) has no key, so it is rendered by every build and written
 * only when its bytes changed: safe by default, and cheap for a handful of files.
 */
export function dependencyKeys(
  site: Site,
  templates: Templates,
  engine: string,
  images: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const present = createPresenter(site);
  const { siteDir: _, ...config } = site.config;
  const shared = sha256(
    [engine, config.fingerprint, describeValue(config), describeValue(present.site)]
      .concat(describeValue(present.nav()), describeValue(site.generated)).join('\n'),
  );
  const keyOf = (...parts: string[]) => sha256([shared, ...parts].join('\n'));
  const layout = (name: string) => templates.digestOf(name);
  const posts = new Map<Post, string>();
  const postKey = (post: Post) => {
    let key = posts.get(post);
    // The body is taken by its digest: a rebuild then never decodes the bodies it keeps.
    if (key === undefined) {
      const pictured = images.get(post.source.path) ?? '';
      posts.set(post, key = sha256(`${JSON.stringify(postFacts(post))}\0${bodyDigest(post.source)}\0${pictured}`));
    }
    return key;
  };
  const keys = new Map<string, string>();
  for (const post of site.posts) {
    keys.set(
      post.output,
      keyOf('post', layout(post.source.layout ?? 'post'), postKey(post), link(post.newer), link(post.older)),
    );
  }
  for (const page of site.pages) {
    const facts = [page.path, JSON.stringify(page.source), images.get(page.source.path) ?? ''];
    keys.set(page.output, keyOf('page', layout(page.source.layout ?? 'page'), ...facts));
  }
  for (const list of site.lists) {
    keys.set(list.output, keyOf('list', layout('list'), listFacts(list), ...list.posts.map(postKey)));
  }
  const months = site.months.map((m) => `${m.key} ${m.path} ${m.posts.map(postKey).join(' ')}`);
  keys.set(site.archive.output, keyOf('archive', layout('archive'), site.archive.path, ...months));
  for (const index of site.indexes) {
    const terms = index.terms.map((t) => `${termFacts(t)} ${t.posts.length}`);
    keys.set(index.output, keyOf('terms', layout('terms'), index.kind, index.path, ...terms));
  }
  if (site.generated.includes('404.html')) keys.set('404.html', keyOf('404', layout('404')));
  const { sitemap } = site;
  if (site.generated.includes(sitemap.output)) {
    keys.set(sitemap.output, keyOf('sitemap', JSON.stringify(sitemapEntries(site, present))));
  }
  for (const feed of site.feeds) keys.set(feed.output, keyOf('feed', feedFacts(feed), ...feed.posts.map(postKey)));
  return keys;
}

/** What a post's own page, entry and list item show of it (its neighbours are added where shown). */
function postFacts(post: Post) {
  const { date, updated, path, output, scheduled } = post;
  const source: Record<string, unknown> = {}; // every field but the body (hashed apart), which is not even read
  for (const name of Object.keys(post.source)) {
    if (name !== 'body') source[name] = post.source[name as keyof typeof post.source];
  }
  return { source, date, updated, path, output, scheduled, terms: [...post.categories, ...post.tags].map(termFacts) };
}

const link = (post?: Post) => (post ? `${post.path} ${JSON.stringify(post.source.title)}` : '-');

const termFacts = (term: Term) => `${JSON.stringify(term.name)} ${term.path}`;

function listFacts(list: ListPage): string {
  const { kind, number, count, path, newer, older, month } = list;
  const term = list.category ?? list.tag;
  return describeValue({ kind, number, count, path, newer, older, month: month?.key, term: term && termFacts(term) });
}

function feedFacts(feed: FeedSpec): string {
  const { title, format, path, home, history } = feed;
  const term = feed.category ?? feed.tag;
  return describeValue({ title, format, path, home, history, term: term && termFacts(term), tag: !!feed.tag });
}
