import { archiveData, notFoundData } from './archive.ts';
import { isTemplateFailure, type Templates } from '../deps/eta.ts';
import { ColophonError } from '../lib/errors.ts';
import type { Producers, RenderedSite } from './types.ts';
import { feedText } from './feed.ts';
import { feedTitle } from '../model/feeds.ts';
import type { ListPage, Page, Post, Site } from '../model/types.ts';
import { sitemapXml } from './sitemap.ts';
import { Spliced } from './splice.ts';
import { LazyViews } from './lazy-views.ts';
import { createViewKit, type LinkView, type PostView, type ViewKit } from './views.ts';

/**
 * Pages, lists and feeds from the site model and each source's body HTML (see renderBodies), by
 * source path: the dev server may swap a post's source in the model (see updateSite) while it still
 * serves this generation's pages, which then keep their own bodies.
 *
 * Nothing is rendered or written here: it returns a producer per output file. output/ runs them
 * to write the folder, verify runs them to compare with a deployed copy, and serve runs each one
 * when its page is asked for (see render/produce.ts for the rule their errors follow).
 */
export function renderSite(site: Site, templates: Templates, bodies: ReadonlyMap<string, string>): RenderedSite {
  const kit = createViewKit(site.config);
  const errors: ColophonError[] = [];
  const files: Producers = new Map();
  const encoder = new TextEncoder();
  // Each post's body is rendered once and reused on its page, lists and feeds; templates print it
  // through a marker, so its bytes are encoded once too (see Spliced).
  const spliced = new Spliced();
  const views = new LazyViews((post) => kit.post(post, kit.bodyLinks(bodies.get(post.source.path)!), (html) => spliced.mark(html)));

  const emit = (path: string, what: string, make: () => string) => {
    files.set(path, (into) => {
      try {
        return spliced.encode(make(), into);
      } catch (error) {
        if (!isTemplateFailure(error)) throw error;
        throw new ColophonError('E_TEMPLATE', `${error.message} (while rendering ${what})`, {
          file: error.template,
          line: error.line,
          hint: 'fix the template; the page named above is the one being rendered when it failed',
        });
      }
    });
  };
  const layoutFor = (source: { layout?: string; path: string }, fallback: string) => {
    const name = source.layout ?? fallback;
    if (templates.has(name)) return name;
    errors.push(new ColophonError('E_LAYOUT', `the layout "${name}" does not exist`, {
      file: source.path,
      hint: `create layouts/${name}.eta, or remove "layout" from the front matter`,
    }));
    return undefined;
  };

  for (const post of site.posts) {
    const layout = layoutFor(post.source, 'post');
    if (layout) emit(post.output, post.source.path, () => templates.render(layout, postData(kit, post, views)));
  }
  for (const page of site.pages) {
    const layout = layoutFor(page.source, 'page');
    if (layout) emit(page.output, page.source.path, () => templates.render(layout, pageData(kit, page, bodies.get(page.source.path)!, spliced)));
  }
  for (const list of site.lists) {
    emit(list.output, kit.listTitle(list), () => templates.render('list', listData(kit, list, views)));
  }
  emit(site.archive.output, 'the archive page', () => templates.render('archive', archiveData(kit, site, views)));
  if (site.generated.includes('404.html')) emit('404.html', 'the 404 page', () => templates.render('404', notFoundData(kit)));
  if (site.generated.includes('sitemap.xml')) files.set('sitemap.xml', () => encoder.encode(sitemapXml(site, kit)));
  for (const feed of site.feeds) {
    files.set(feed.output, () => encoder.encode(feedText(kit, feed, views)));
  }
  for (const asset of site.assets) files.set(asset.path, () => asset.bytes);
  return { files, errors };
}


function postData(kit: ViewKit, post: Post, views: Map<Post, PostView>) {
  const link = (p?: Post): LinkView | undefined => (p ? { title: p.source.title, href: kit.href(p.path) } : undefined);
  return {
    kind: 'post',
    site: kit.site,
    title: post.source.title,
    canonical: kit.absolute(post.path),
    feeds: kit.site.feeds,
    post: views.get(post)!,
    newer: link(post.newer),
    older: link(post.older),
  };
}

function pageData(kit: ViewKit, page: Page, body: string, spliced: Spliced) {
  const html = kit.bodyLinks(body);
  return {
    kind: 'page',
    site: kit.site,
    title: page.source.title,
    canonical: kit.absolute(page.path),
    feeds: kit.site.feeds,
    page: { title: page.source.title, html, body: spliced.mark(html), data: page.source.data },
  };
}

function listData(kit: ViewKit, list: ListPage, views: Map<Post, PostView>) {
  const { category, tag, month } = list;
  const term = category ?? tag;
  return {
    kind: list.kind,
    site: kit.site,
    title: kit.listTitle(list),
    heading: kit.listHeading(list),
    canonical: kit.absolute(list.path),
    feeds: [...kit.site.feeds, ...(term ? kit.feedsOf(term.path, feedTitle(kit.site.title, term, tag !== undefined)) : [])],
    category: category && { name: category.name, href: kit.href(category.path) },
    tag: tag && { name: tag.name, href: kit.href(tag.path) },
    month: month && { name: kit.listHeading(list)!, href: kit.href(month.path) },
    excerpts: kit.excerpts,
    number: list.number,
    count: list.count,
    posts: list.posts.map((p) => views.get(p)!),
    newer: list.newer && kit.href(list.newer),
    older: list.older && kit.href(list.older),
  };
}
