import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { all, buildFails, buildInMemory, config, post, text, writeSite } from './support/site.ts';

/** The `content` of a head tag with this property or name, or every one of them. */
const meta = (html: string, key: string) =>
  all(html, new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)">`, 'g'));
const header = (html: string) => html.slice(html.indexOf('<header'), html.indexOf('</header>'));
const navLinks = (html: string) => all(header(html), /<li>(<a [^>]*>[^<]*<\/a>)<\/li>/g);

const LONG = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore ' +
  'et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip.';

/** The site: a standalone page, two posts, German, under a sub-path. */
function blog(fields: Record<string, unknown> = {}, extra: Record<string, string> = {}): string {
  return writeSite({
    'site.config.ts': config({
      title: 'Feldnotizen',
      description: 'Notizen aus dem Feld',
      url: 'https://example.org/blog/',
      language: 'de',
      ...fields,
    }),
    'content/about.md': post({ title: 'Über uns' }, 'Wir schreiben &amp; lesen.\n'),
    'content/colophon.md': post({ title: 'Impressum' }, 'Kontakt.\n'),
    'content/posts/2024-03-01-first.md': post(
      { title: 'Erster Beitrag', categories: 'Natur', tags: '[Bäume, Frühling]', image: 'cover.gif' },
      `# Heading first\n\n![only an image](x.gif)\n\nDie Kastanie[^1] blüht. ${LONG}\n\n[^1]: Aesculus.\n`,
    ),
    'content/posts/2024-04-01-second.md': post(
      { title: 'Zweiter <Beitrag>', categories: 'Stadt', description: 'Über "Zebrastreifen" & mehr' },
      'Der Zebrastreifen ist weiß.\n',
    ),
    ...extra,
  });
}

describe('navigation', () => {
  it('lists the standalone pages in path order, then Archive, marking the current page', async () => {
    const built = await buildInMemory(blog());
    const about = built.read('about/index.html');
    assert.deepEqual(navLinks(about), [
      '<a href="/blog/about/" aria-current="page">Über uns</a>',
      '<a href="/blog/colophon/">Impressum</a>',
      '<a href="/blog/archive/">Archive</a>',
    ]);
    assert.match(header(about), /<nav class="site-nav" aria-label="Site">/);
    assert.deepEqual(all(header(built.read('archive/index.html')), /aria-current="page">([^<]*)/g), ['Archive']);
    assert.doesNotMatch(header(built.read('index.html')), /aria-current/);
    assert.deepEqual(navLinks(built.read('404.html')).length, 3);
  });

  it('takes nav from the configuration: links, site paths under the base path, and pages by path', async () => {
    const nav = [
      { title: 'Code', href: 'https://git.example.org/' },
      { title: 'Feeds', href: '/feed/atom.xml' },
      'about.md',
    ];
    const built = await buildInMemory(blog({ nav }));
    assert.deepEqual(navLinks(built.read('about/index.html')), [
      '<a href="https://git.example.org/">Code</a>',
      '<a href="/blog/feed/atom.xml">Feeds</a>',
      '<a href="/blog/about/" aria-current="page">Über uns</a>',
    ]);
    const none = await buildInMemory(blog({ nav: [] }));
    assert.doesNotMatch(none.read('index.html'), /<nav class="site-nav"/);
  });

  it('names the entry of nav that is no page, and checks the shape of each entry', async () => {
    const failure = await buildFails(blog({ nav: ['about.md', 'abuot.md'] }));
    assert.deepEqual(failure.errors.map((e) => [e.code, e.file]), [['E_NAV', 'site.config.ts']]);
    assert.match(failure.errors[0]!.message, /nav\[1\] names content\/abuot\.md, which is not a standalone page/);
    assert.match(failure.errors[0]!.hint!, /"about\.md", "colophon\.md"/);
    const cases: [unknown, RegExp][] = [
      ['about.md', /"nav" must be a list/],
      [[{ title: 'x' }], /"nav" \[0\]\.href must be a non-empty string/],
      [[{ title: 'x', href: '/', rel: 'me' }], /unknown key "rel"/],
      [['/about/'], /"\/about\/" is not the path of a page under content\//],
    ];
    for (const [nav, message] of cases) {
      const error = (await buildFails(blog({ nav }))).errors[0]!;
      assert.equal(error.code, 'E_CONFIG_KEY');
      assert.match(error.message, message);
    }
  });

  it('leaves a draft page named in nav out of the header unless drafts are built', async () => {
    const dir = blog({ nav: ['about.md', 'wip.md'] }, { 'content/wip.md': post({ title: 'WIP', draft: 'true' }) });
    assert.deepEqual(navLinks((await buildInMemory(dir)).read('index.html')).length, 1);
    assert.deepEqual(navLinks((await buildInMemory(dir, { drafts: true })).read('index.html')).length, 2);
  });
});

describe('category and tag indexes', () => {
  it('lists every category and tag with its post count, under the base path', async () => {
    const built = await buildInMemory(
      blog({}, { 'content/posts/2024-05-01-third.md': post({ title: 'Dritter', categories: 'natur' }) }),
    );
    const categories = built.read('category/index.html');
    assert.match(categories, /<title>Categories — Feldnotizen<\/title>/);
    assert.deepEqual(all(categories, /<li>(.*?)<\/li>/g).slice(-2).map(text), ['Natur (2 posts)', 'Stadt (1 post)']);
    assert.match(categories, /<a href="\/blog\/category\/natur\/">Natur<\/a>/);
    const tags = built.read('tag/index.html');
    assert.deepEqual(all(tags, /<li>(<a href="\/blog\/tag\/[^>]*>.*?)<\/li>/g).map(text), [
      'Bäume (1 post)',
      'Frühling (1 post)',
    ]);
    assert.match(built.read('sitemap.xml'), /<loc>https:\/\/example.org\/blog\/category\/<\/loc>/);
    assert.match(
      built.read('index.html'),
      /<a href="\/blog\/category\/">Categories<\/a> · <a href="\/blog\/tag\/">Tags<\/a>/,
    );
  });

  it('has a category index without categories, and no tag index without tags', async () => {
    const built = await buildInMemory(writeSite({ 'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }) }));
    assert.match(built.read('category/index.html'), /No post has categories yet\./);
    assert.equal(built.has('tag/index.html'), false);
  });

  it('stops at a page that would take /category/', async () => {
    const failure = await buildFails(blog({}, { 'content/category.md': post({ title: 'Mine' }) }));
    assert.equal(failure.errors[0]!.code, 'E_COLLISION');
    assert.match(failure.errors[0]!.message, /content\/category\.md and the category index would all be written/);
  });
});

describe('head metadata', () => {
  it('gives each post its own description: front matter, else its first paragraph with text, cut at 160', async () => {
    const built = await buildInMemory(blog());
    const first = built.read('2024/03/01/first/index.html');
    const [description] = meta(first, 'description');
    assert.equal(description, meta(first, 'og:description')[0]);
    assert.ok([...description!].length <= 160, description);
    // No heading, no image alone, no footnote mark; cut after a whole word.
    const full = `Die Kastanie blüht. ${LONG}`;
    const cut = description!.slice(0, -1);
    assert.ok(description!.endsWith('…') && full.startsWith(cut) && full[cut.length] === ' ', description);
    const second = built.read('2024/04/01/second/index.html');
    assert.deepEqual(meta(second, 'description'), ['Über &quot;Zebrastreifen&quot; &amp; mehr']);
    assert.deepEqual(meta(built.read('about/index.html'), 'description'), ['Wir schreiben &amp; lesen.']);
    assert.deepEqual(meta(built.read('index.html'), 'description'), ['Notizen aus dem Feld']);
  });

  it('uses the excerpt when the post has one', async () => {
    const dir = blog({}, {
      'content/posts/2024-06-01-more.md': post(
        { title: 'More' },
        'Kurz *gesagt*.\n\nZweiter Satz.\n\n<!-- more -->\n\nRest.\n',
      ),
    });
    assert.deepEqual(meta((await buildInMemory(dir)).read('2024/06/01/more/index.html'), 'description'), [
      'Kurz gesagt. Zweiter Satz.',
    ]);
  });

  it('has Open Graph, article and Twitter tags, and JSON-LD on posts', async () => {
    const built = await buildInMemory(blog());
    const first = built.read('2024/03/01/first/index.html');
    assert.deepEqual(meta(first, 'og:title'), ['Erster Beitrag']);
    assert.deepEqual(meta(first, 'og:type'), ['article']);
    assert.deepEqual(meta(first, 'og:url'), ['https://example.org/blog/2024/03/01/first/']);
    assert.deepEqual(meta(first, 'og:site_name'), ['Feldnotizen']);
    assert.deepEqual(meta(first, 'og:image'), ['https://example.org/blog/2024/03/01/first/cover.gif']);
    assert.deepEqual(meta(first, 'article:published_time'), ['2024-03-01T00:00:00+00:00']);
    assert.deepEqual(meta(first, 'article:modified_time'), ['2024-03-01T00:00:00+00:00']);
    assert.deepEqual(meta(first, 'article:tag'), ['Bäume', 'Frühling']);
    assert.deepEqual(meta(first, 'twitter:card'), ['summary_large_image']);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/.exec(first)![1]!);
    assert.equal(ld['@type'], 'BlogPosting');
    assert.equal(ld.headline, 'Erster Beitrag');
    assert.equal(ld.inLanguage, 'de');
    assert.deepEqual(ld.keywords, ['Bäume', 'Frühling']);
    const second = built.read('2024/04/01/second/index.html');
    assert.match(second, /"headline":"Zweiter \\u003cBeitrag\\u003e"/); // no title can close the script
    assert.deepEqual(meta(second, 'og:title'), ['Zweiter &lt;Beitrag&gt;']);
    assert.deepEqual(meta(second, 'twitter:card'), ['summary']);
    assert.deepEqual(meta(second, 'og:image'), []);
    const index = built.read('index.html');
    assert.deepEqual(meta(index, 'og:type'), ['website']);
    assert.deepEqual(meta(index, 'og:url'), ['https://example.org/blog/']);
    assert.doesNotMatch(index, /application\/ld\+json|article:/);
  });

  it('resolves image as links are: a URL as it is, a root path under the base path', async () => {
    const dir = blog({}, {
      'content/posts/2024-07-01-a.md': post({ title: 'A', image: '/img/a.gif' }),
      'content/posts/2024-07-02-b.md': post({ title: 'B', image: 'https://cdn.example.net/b.jpg' }),
      'content/posts/2024-07-03-c.md': post({ title: 'C', image: '"  "' }),
    });
    const failure = await buildFails(dir);
    assert.deepEqual(failure.errors.map((e) => [e.code, e.file, e.line]), [
      ['E_FRONTMATTER_FIELD', 'content/posts/2024-07-03-c.md', 3],
    ]);
    assert.match(failure.errors[0]!.message, /"image" must not be empty/);
    writeSite({ 'content/posts/2024-07-03-c.md': post({ title: 'C' }) }, dir);
    const built = await buildInMemory(dir);
    assert.deepEqual(meta(built.read('2024/07/01/a/index.html'), 'og:image'), ['https://example.org/blog/img/a.gif']);
    assert.deepEqual(meta(built.read('2024/07/02/b/index.html'), 'og:image'), ['https://cdn.example.net/b.jpg']);
  });

  it('sets the language of every page and feed from language', async () => {
    const built = await buildInMemory(blog({ feeds: ['atom', 'rss', 'json'] }));
    for (const path of ['index.html', 'about/index.html', '2024/03/01/first/index.html', '404.html']) {
      assert.match(built.read(path), /^<!DOCTYPE html>\n<html lang="de">/);
    }
    assert.match(built.read('feed/atom.xml'), /<feed xml:lang="de" xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    assert.match(built.read('feed/rss.xml'), /<language>de<\/language>/);
    assert.equal(JSON.parse(built.read('feed/feed.json')).language, 'de');
    assert.match((await buildInMemory(writeSite({}))).read('index.html'), /<html lang="en">/);
    const bad = await buildFails(blog({ language: 'German' }));
    assert.match(bad.errors[0]!.message, /"language" "German" is not a language tag such as "en" or "de-AT"/);
  });

  it('links the favicons public/ has', async () => {
    const none = await buildInMemory(blog());
    assert.doesNotMatch(none.read('index.html'), /rel="icon"/);
    const built = await buildInMemory(blog({}, { 'public/favicon.svg': '<svg/>', 'public/favicon.ico': 'ico' }));
    assert.deepEqual(all(built.read('2024/03/01/first/index.html'), /(<link rel="icon"[^>]*>)/g), [
      '<link rel="icon" href="/blog/favicon.ico" type="image/x-icon">',
      '<link rel="icon" href="/blog/favicon.svg" type="image/svg+xml">',
    ]);
  });

  it('has a skip link to the main content and the four landmarks', async () => {
    const html = (await buildInMemory(blog())).read('2024/03/01/first/index.html');
    assert.match(
      html,
      /<body>\n<a class="skip-link" href="#page-main">Skip to content<\/a>\n<header class="site-header">/,
    );
    assert.match(html, /<main id="page-main" tabindex="-1">/);
    assert.match(html, /<footer class="site-footer">/);
  });
});
