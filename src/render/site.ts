import type { Config, Transform } from '../config/types.ts';
import { isTemplateFailure, type Templates } from '../deps/eta.ts';
import type { FeedEntry } from '../deps/feed.ts';
import { ColophonError, topFrames } from '../lib/errors.ts';
import { eagerFirstImage } from '../markdown/picture.ts';
import { REDIRECTS_FILE } from '../model/collisions.ts';
import { feedTitle } from '../model/feeds.ts';
import { ownersOf, swappedPaths } from '../model/reuse.ts';
import type { ListPage, Page, Post, Site } from '../model/types.ts';
import { archiveData, notFoundData, termIndexData } from './archive.ts';
import { feedEntry, feedText } from './feed.ts';
import { LazyViews } from './lazy-views.ts';
import { redirectPage, redirectsFile } from './redirects.ts';
import { sitemapXml } from './sitemap.ts';
import { BodySplicer } from './splice.ts';
import { BoundProducers, type Maker } from './bound-producers.ts';
import type { Allocator, RenderedSite } from './types.ts';
import { blogPosting } from './structured-data.ts';
import { createPresenter, type LinkView, type PostView, type Presenter } from './views.ts';

/**
 * Pages, lists and feeds from the site model and each source's body HTML (see renderBodies), by
 * source path: the dev server may swap a post's source in the model (see updateSite) while it still
 * serves this generation's pages, which then keep their own bodies.
 *
 * Nothing is rendered or written here: it returns a producer per output file. output/ runs them
 * to write the folder, verify runs them to compare with a deployed copy, and serve runs each one
 * when its page is asked for (see render/produce.ts for the rule their errors follow).
 *
 * What each file is made with (its maker) depends on the model and the templates only; what a
 * maker is given, a Generation, holds this refresh's bodies and what is made of them. The makers
 * are kept with the model, so a dev-server save that reuses the model (see updateSite) makes a
 * Generation and none of the 14,000 makers of a 10,000-post site.
 */
export function renderSite(
  site: Site,
  templates: Templates,
  bodies: ReadonlyMap<string, string>,
  images?: ReadonlyMap<string, string>, // source path ▶ its front matter `image`, processed (markdown/images.ts)
): RenderedSite {
  let plan = plans.get(site);
  if (!plan || plan.templates !== templates || !layoutsHold(plan, site)) {
    plans.set(site, plan = planSite(site, templates));
  }
  return { files: new BoundProducers(plan.makers, generation(site, bodies, images)), errors: [...plan.errors] };
}

/** What a maker renders with: made anew for each refresh. */
interface Generation {
  present: Presenter;
  bodies: ReadonlyMap<string, string>;
  splicer: BodySplicer;
  mark: (html: string) => string; // see BodySplicer
  views: LazyViews; // each post's view, made when first asked for
  listPosts: (posts: readonly Post[]) => PostView[];
  entry: (post: Post) => FeedEntry;
}

function generation(site: Site, bodies: ReadonlyMap<string, string>, images?: ReadonlyMap<string, string>): Generation {
  const present = createPresenter(site, images);
  // Each post's body is rendered once and reused on its page, lists and feeds; templates print it
  // through a marker, so its bytes are encoded once too (see BodySplicer).
  const splicer = new BodySplicer();
  const mark = (html: string) => splicer.mark(html);
  const body = (post: Post) => present.bodyLinks(bodies.get(post.source.path)!);
  const views = new LazyViews((post) => present.post(post, () => body(post), mark));
  // On list pages, each post's ids are prefixed with its slug, so that several posts' footnotes
  // and headings stay apart; two posts of one slug on a page get "slug-2--" and so on.
  const listed = new LazyViews((post) => present.listed(views.get(post), `${post.source.slug}--`, mark));
  const listPosts = (posts: readonly Post[]) => {
    const used = new Set<string>();
    return posts.map((post) => {
      const slug = post.source.slug;
      let scope = `${slug}--`;
      for (let n = 2; used.has(scope); n++) scope = `${slug}-${n}--`; // "a-2--" may be a post's own
      used.add(scope);
      return scope === `${slug}--` ? listed.get(post) : present.listed(views.get(post), scope, mark);
    });
  };
  // A post is in several feeds (the site's, its categories' and tags'): its entry is made once.
  const entries = new Map<Post, FeedEntry>();
  const entry = (post: Post) => {
    let made = entries.get(post);
    if (!made) entries.set(post, made = feedEntry(post, views.get(post)));
    return made;
  };
  return { present, bodies, splicer, mark, views, listPosts, entry };
}

/** The makers of a model's files, and the layout each post and page asked for. */
interface Plan {
  templates: Templates;
  makers: Map<string, Maker<Generation>>;
  layouts: Map<string, string>; // by source path: its `layout`, or the default for its kind
  errors: ColophonError[]; // unknown layouts
  swaps: number; // how many of the model's source swaps (see swappedPaths) it has seen
}

const plans = new WeakMap<Site, Plan>();

/** Whether the sources swapped into the model since the plan was made still ask for the plan's layouts. */
function layoutsHold(plan: Plan, site: Site): boolean {
  const swapped = swappedPaths(site);
  const owners = ownersOf(site);
  for (let i = plan.swaps; i < swapped.length; i++) {
    const source = owners.get(swapped[i]!)?.source;
    if (!source || plan.layouts.get(source.path) !== (source.layout ?? source.kind)) return false;
  }
  plan.swaps = swapped.length;
  return true;
}

function planSite(site: Site, templates: Templates): Plan {
  const errors: ColophonError[] = [];
  const makers = new Map<string, Maker<Generation>>();
  const layouts = new Map<string, string>();
  const encoder = new TextEncoder();
  const render = extend(site.config, templates);
  const { transforms } = site.config;
  const finish = transforms.length > 0
    ? (g: Generation, path: string, text: string, into?: Allocator) =>
      g.splicer.encode(transform(transforms, path, g.splicer.expand(text)), into)
    : (g: Generation, _path: string, text: string, into?: Allocator) => g.splicer.encode(text, into);

  // A page's data is made only when its maker runs, and so is its name, which only an error shows.
  type Named = string | ((g: Generation) => string);
  const emit = (path: string, what: Named, page: (g: Generation) => string) => {
    makers.set(path, (g, into) => {
      try {
        return finish(g, path, page(g), into);
      } catch (error) {
        if (!isTemplateFailure(error)) throw error;
        const name = typeof what === 'string' ? what : what(g);
        throw new ColophonError('E_TEMPLATE', `${error.message} (while rendering ${name})`, {
          file: error.template,
          line: error.line,
          hint: 'fix the template; the page named above is the one being rendered when it failed',
        });
      }
    });
  };
  const layoutFor = (source: { layout?: string; path: string }, fallback: string) => {
    const name = source.layout ?? fallback;
    layouts.set(source.path, name);
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
    if (layout) emit(post.output, post.source.path, (g) => render(layout, postData(g.present, post, g.views, g.mark)));
  }
  for (const page of site.pages) {
    const layout = layoutFor(page.source, 'page');
    if (layout) {
      const body = (g: Generation) => g.bodies.get(page.source.path)!;
      emit(page.output, page.source.path, (g) => render(layout, pageData(g.present, page, body(g), g.splicer)));
    }
  }
  for (const list of site.lists) {
    emit(list.output, (g) => g.present.listTitle(list), (g) => render('list', listData(g.present, list, g.listPosts)));
  }
  emit(site.archive.output, 'the archive page', (g) => render('archive', archiveData(g.present, site, g.views)));
  for (const index of site.indexes) {
    emit(index.output, `the ${index.kind} index`, (g) => render('terms', termIndexData(g.present, index)));
  }
  if (site.generated.includes('404.html')) {
    emit('404.html', 'the 404 page', (g) => render('404', notFoundData(g.present)));
  }
  const { sitemap } = site;
  if (site.generated.includes(sitemap.output)) {
    makers.set(sitemap.output, (g) => encoder.encode(sitemapXml(site, g.present)));
  }
  for (const feed of site.feeds) makers.set(feed.output, (g) => encoder.encode(feedText(g.present, feed, g.entry)));
  // Redirect pages have no theme and no transforms: nobody reads them for longer than a refresh.
  for (const redirect of site.redirects) {
    if (redirect.output) makers.set(redirect.output, (g) => encoder.encode(redirectPage(g.present, redirect)));
  }
  if (site.config.redirects) {
    makers.set(REDIRECTS_FILE, (g) => encoder.encode(redirectsFile(g.present, site.redirects)));
  }
  for (const asset of site.assets) makers.set(asset.path, () => asset.bytes);
  for (const file of site.bundleFiles) makers.set(file.output, () => file.bytes);
  return { templates, makers, layouts, errors, swaps: swappedPaths(site).length };
}

/**
 * Every template sees `it.helpers`, the configuration's helpers. A helper that throws is named in
 * the error, which then reports the template and the page as any template error does.
 */
function extend(config: Config, templates: Templates): (name: string, data: object) => string {
  const helpers: Record<string, unknown> = Object.freeze(Object.fromEntries(
    Object.entries(config.helpers).map(([name, helper]) => [name, (...args: never[]) => {
      try {
        return helper.apply(helpers, args); // `this` is it.helpers, for helpers that call each other
      } catch (error) {
        throw new Error(`the helper "${name}" threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }]),
  ));
  return (name, data) => templates.render(name, { ...data, helpers });
}

/** config.transforms over one page's HTML, in order; a failure names the transform and the page. */
function transform(transforms: readonly Transform[], path: string, html: string): string {
  let out = html;
  transforms.forEach((fn, i) => {
    const which = `transforms[${i}]${fn.name ? ` (${fn.name})` : ''}`;
    let result: unknown;
    try {
      result = fn(out, { path });
    } catch (error) {
      const stack = topFrames(error).map((l) => `    ${l}`);
      throw new ColophonError(
        'E_TRANSFORM',
        `${which} threw on ${path}: ${error instanceof Error ? error.message : String(error)}`,
        { file: 'site.config.ts', frame: stack.length > 0 ? stack.join('\n') : undefined },
      );
    }
    if (typeof result !== 'string') {
      const what = result instanceof Promise ? 'a promise (transforms must not be async)' : typeof result;
      throw new ColophonError('E_TRANSFORM', `${which} returned ${what} for ${path}, not a string of HTML`, {
        file: 'site.config.ts',
      });
    }
    out = result;
  });
  return out;
}

function postData(present: Presenter, post: Post, views: Map<Post, PostView>, mark: (html: string) => string) {
  const link = (
    p?: Post,
  ): LinkView | undefined => (p ? { title: p.source.title, href: present.href(p.path) } : undefined);
  const listed = views.get(post)!;
  const eager = eagerFirstImage(listed.html);
  const view = eager === listed.html ? listed : { ...listed, html: eager, body: mark(eager) };
  return {
    kind: 'post',
    site: present.site,
    title: post.source.title,
    canonical: present.absolute(post.path),
    feeds: present.site.feeds,
    nav: present.nav(post.path),
    description: view.description,
    image: view.image,
    structuredData: blogPosting(present, view),
    post: view,
    newer: link(post.newer),
    older: link(post.older),
  };
}

function pageData(present: Presenter, page: Page, body: string, splicer: BodySplicer) {
  const html = eagerFirstImage(present.bodyLinks(body));
  const description = present.description(page.source.description, html);
  const image = present.ogImage(page.source, page.path);
  return {
    kind: 'page',
    site: present.site,
    title: page.source.title,
    canonical: present.absolute(page.path),
    feeds: present.site.feeds,
    nav: present.nav(page.path),
    description,
    image,
    page: { title: page.source.title, html, body: splicer.mark(html), data: page.source.data, description, image },
  };
}

function listData(present: Presenter, list: ListPage, listPosts: (posts: readonly Post[]) => PostView[]) {
  const { category, tag, month } = list;
  const term = category ?? tag;
  return {
    kind: list.kind,
    site: present.site,
    title: present.listTitle(list),
    heading: present.listHeading(list),
    canonical: present.absolute(list.path),
    nav: present.nav(list.path),
    description: present.site.description,
    feeds: [
      ...present.site.feeds,
      ...(term ? present.feedsOf(feedTitle(present.site.title, term, tag !== undefined), term, tag !== undefined) : []),
    ],
    category: category && { name: category.name, href: present.href(category.path) },
    tag: tag && { name: tag.name, href: present.href(tag.path) },
    month: month && { name: present.listHeading(list)!, href: present.href(month.path) },
    excerpts: present.excerpts,
    number: list.number,
    count: list.count,
    posts: listPosts(list.posts),
    newer: list.newer && present.href(list.newer),
    older: list.older && present.href(list.older),
  };
}
