import { isTemplateFailure, type Templates } from '../deps/eta.ts';
import { ColophonError } from '../lib/errors.ts';
import { feedTitle } from '../model/feeds.ts';
import type { ListPage, Page, Post, Site } from '../model/types.ts';
import { archiveData, notFoundData } from './archive.ts';
import { feedText } from './feed.ts';
import { LazyViews } from './lazy-views.ts';
import { sitemapXml } from './sitemap.ts';
import { BodySplicer } from './splice.ts';
import type { Producers, RenderedSite } from './types.ts';
import { createPresenter, type LinkView, type PostView, type Presenter } from './views.ts';

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
  const present = createPresenter(site.config);
  const errors: ColophonError[] = [];
  const files: Producers = new Map();
  const encoder = new TextEncoder();
  // Each post's body is rendered once and reused on its page, lists and feeds; templates print it
  // through a marker, so its bytes are encoded once too (see BodySplicer).
  const splicer = new BodySplicer();
  const views = new LazyViews((post) =>
    present.post(post, present.bodyLinks(bodies.get(post.source.path)!), (html) => splicer.mark(html))
  );

  const emit = (path: string, what: string, make: () => string) => {
    files.set(path, (into) => {
      try {
        return splicer.encode(make(), into);
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
    errors.push(
      new ColophonError('E_LAYOUT', `the layout "${name}" does not exist`, {
        file: source.path,
        hint: `create layouts/${name}.eta, or remove "layout" from the front matter`,
      }),
    );
    return undefined;
  };

  for (const post of site.posts) {
    const layout = layoutFor(post.source, 'post');
    if (layout) emit(post.output, post.source.path, () => templates.render(layout, postData(present, post, views)));
  }
  for (const page of site.pages) {
    const layout = layoutFor(page.source, 'page');
    if (layout) {
      emit(
        page.output,
        page.source.path,
        () => templates.render(layout, pageData(present, page, bodies.get(page.source.path)!, splicer)),
      );
    }
  }
  for (const list of site.lists) {
    emit(list.output, present.listTitle(list), () => templates.render('list', listData(present, list, views)));
  }
  emit(site.archive.output, 'the archive page', () => templates.render('archive', archiveData(present, site, views)));
  if (site.generated.includes('404.html')) {
    emit('404.html', 'the 404 page', () => templates.render('404', notFoundData(present)));
  }
  if (site.generated.includes('sitemap.xml')) files.set('sitemap.xml', () => encoder.encode(sitemapXml(site, present)));
  for (const feed of site.feeds) {
    files.set(feed.output, () => encoder.encode(feedText(present, feed, views)));
  }
  for (const asset of site.assets) files.set(asset.path, () => asset.bytes);
  return { files, errors };
}

function postData(present: Presenter, post: Post, views: Map<Post, PostView>) {
  const link = (
    p?: Post,
  ): LinkView | undefined => (p ? { title: p.source.title, href: present.href(p.path) } : undefined);
  return {
    kind: 'post',
    site: present.site,
    title: post.source.title,
    canonical: present.absolute(post.path),
    feeds: present.site.feeds,
    post: views.get(post)!,
    newer: link(post.newer),
    older: link(post.older),
  };
}

function pageData(present: Presenter, page: Page, body: string, splicer: BodySplicer) {
  const html = present.bodyLinks(body);
  return {
    kind: 'page',
    site: present.site,
    title: page.source.title,
    canonical: present.absolute(page.path),
    feeds: present.site.feeds,
    page: { title: page.source.title, html, body: splicer.mark(html), data: page.source.data },
  };
}

function listData(present: Presenter, list: ListPage, views: Map<Post, PostView>) {
  const { category, tag, month } = list;
  const term = category ?? tag;
  return {
    kind: list.kind,
    site: present.site,
    title: present.listTitle(list),
    heading: present.listHeading(list),
    canonical: present.absolute(list.path),
    feeds: [
      ...present.site.feeds,
      ...(term ? present.feedsOf(term.path, feedTitle(present.site.title, term, tag !== undefined)) : []),
    ],
    category: category && { name: category.name, href: present.href(category.path) },
    tag: tag && { name: tag.name, href: present.href(tag.path) },
    month: month && { name: present.listHeading(list)!, href: present.href(month.path) },
    excerpts: present.excerpts,
    number: list.number,
    count: list.count,
    posts: list.posts.map((p) => views.get(p)!),
    newer: list.newer && present.href(list.newer),
    older: list.older && present.href(list.older),
  };
}
