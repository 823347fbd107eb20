/**
 * Every error code, with what raises it, what to do about it, and a message as printed. The README's
 * table of errors is this catalog (test/unit/lib/error-codes.test.ts keeps the two the same), and an
 * error raised without a hint of its own prints the catalog's.
 */
export const ERROR_CODES = {
  E_CONFIG_LOAD: {
    when: '`site.config.ts` cannot be imported (syntax error, failing import, exception)',
    hint: 'fix the error in site.config.ts; it must `export default defineConfig({ ... })`',
    example: 'error[E_CONFIG_LOAD] site.config.ts: could not load the configuration: Unexpected token',
  },
  E_CONFIG_SHAPE: {
    when: 'its default export is not an object',
    hint: 'export an object: `export default defineConfig({ title: "My Blog" })`',
    example: 'error[E_CONFIG_SHAPE] site.config.ts: the default export is not a configuration object',
  },
  E_CONFIG_KEY: {
    when: 'an unknown key, a value of the wrong type or form, a forbidden `outDir`, a bad `--base-url`',
    hint: 'see the Configuration section of the README for each key and its values',
    example: 'error[E_CONFIG_KEY] site.config.ts: "timezone" "Mars/Olympus" is not an IANA timezone name such ' +
      'as "Europe/Berlin"',
  },
  E_READ: {
    when: 'a source or public file cannot be read (a broken symbolic link, no permission)',
    hint: 'fix the file or its permissions, or remove it',
    example: 'error[E_READ] content/posts/broken.md: the file cannot be read: it is a broken symbolic link',
  },
  E_BINARY: {
    when: 'a `.md` file under `content/` contains NUL bytes',
    hint: 'save it as UTF-8 text, or move it to public/ if it is meant to be copied as is',
    example: 'error[E_BINARY] content/posts/x.md: the file contains NUL bytes; it is not a text file',
  },
  E_FRONTMATTER: {
    when: 'front matter not closed, invalid YAML, or not a mapping',
    hint: 'front matter is YAML between a "---" line at the top and a closing "---" line',
    example: 'error[E_FRONTMATTER] content/posts/a.md:4:1: invalid YAML: missed comma between flow collection entries',
  },
  E_FRONTMATTER_FIELD: {
    when: 'a bad value: missing title, post without a date, a date that does not exist, bad categories, ' +
      'tags, slug, permalink or draft; a slug, category, tag or output path too long for a file system',
    hint: 'see the Front matter section of the README for each field and its forms',
    example: 'error[E_FRONTMATTER_FIELD] content/posts/feb.md:3: "date" "2014-02-30" names a day or time that ' +
      'does not exist',
  },
  E_SYMLINK_LOOP: {
    when: 'a symbolic link leads back into a folder it sits in',
    hint: 'remove the link, or point it somewhere outside its own parent folders',
    example: 'error[E_SYMLINK_LOOP] content/posts/again: a symbolic link leads back into a folder it is inside of',
  },
  E_CATEGORY_SLUG: {
    when: 'a category name gives an empty slug, or two different names give the same slug',
    hint: 'use one spelling for both, or rename one of them',
    example: 'error[E_CATEGORY_SLUG] content/posts/b.md: the categories "Node.js" (content/posts/a.md) and ' +
      '"node-js" (content/posts/b.md) would share the URL /category/node-js/',
  },
  E_TAG_SLUG: {
    when: 'the same for a tag',
    hint: 'use one spelling for both, or rename one of them',
    example: 'error[E_TAG_SLUG] content/posts/a.md: the tag ".." has no letters or digits to make a URL from',
  },
  E_PERMALINK: {
    when: "a page's `permalink` contains a token",
    hint: 'give the page a fixed path such as `permalink: /about/`',
    example: 'error[E_PERMALINK] content/about.md: a page permalink cannot use date or slug tokens',
  },
  E_COLLISION: {
    when: 'two sources would be written to the same output file (compared case-insensitively, as macOS and Windows do)',
    hint: 'give one of them another permalink or slug',
    example: 'error[E_COLLISION] content/posts/a.md: content/posts/a.md and content/posts/b.md would all be ' +
      'written to 2020/01/01/same/index.html',
  },
  E_IMAGE: {
    when: 'an image a post shows (in its body or as front matter `image`) is missing, unreadable, not an image, ' +
      'or too large to resize',
    hint: "put the file in the post's bundle folder or in public/, or fix the path; a URL with https:// is left alone",
    example: 'error[E_IMAGE] content/posts/trip/index.md:5: the image "photo.jpg" cannot be shown: no file is ' +
      "published at /2024/05/01/trip/photo.jpg (in the post's bundle or in public/)",
  },
  E_NAV: {
    when: 'an entry of `nav` names a page that does not exist',
    hint: 'name a page by its path under content/, such as "about.md", or give { title, href }',
    example: 'error[E_NAV] site.config.ts: nav[0] names content/abuot.md, which is not a standalone page',
  },
  E_TEMPLATE: {
    when: 'a template fails to compile, or fails while rendering (the message names the page)',
    hint: 'fix the template at the line named',
    example: "error[E_TEMPLATE] layouts/post.eta:3: Cannot read properties of undefined (reading 'here') " +
      '(while rendering content/posts/a.md)',
  },
  E_PLUGIN: {
    when: 'a markdown-it plugin from `markdown.plugins` throws while it is applied or while it renders a source',
    hint: 'check the plugin and its options in markdown.plugins; the frames printed are from the plugin',
    example: 'error[E_PLUGIN] content/posts/a.md: markdown.plugins[0] (emoji) threw while rendering this file: ' +
      'boom',
  },
  E_TRANSFORM: {
    when: 'a function in `transforms` throws, or returns something other than a string',
    hint: 'fix the transform in site.config.ts; it is called as transform(html, { path }) and returns the HTML',
    example: 'error[E_TRANSFORM] site.config.ts: transforms[0] (minify) threw on 2014/10/13/a/index.html: boom',
  },
  E_LAYOUT: {
    when: 'front matter `layout` names no template',
    hint: 'create the layout in layouts/, or remove "layout" from the front matter',
    example: 'error[E_LAYOUT] content/posts/a.md: the layout "fancy" does not exist',
  },
  E_SEARCH: {
    when: 'with `search: true`, Pagefind cannot be started, stops, or reports an error while indexing',
    hint: 'reinstall with npm install (the pagefind package brings its binary for this platform), ' +
      'or set search: false',
    example: 'error[E_SEARCH]: Pagefind could not be started: spawn /opt/pagefind ENOENT',
  },
  E_WRITE: {
    when: 'the output folder (or the manifest beside it) could not be written',
    hint: 'check that the output folder and its parent are writable; the previous output is unchanged',
    example: 'error[E_WRITE] /site/blocker/dist: could not write the output: ENOTDIR: not a directory',
  },
  E_VERIFY_TARGET: {
    when: '`verify`: the target is neither an http(s) URL nor an existing folder',
    hint: 'give the folder of a deployed copy, or the http(s) URL of the deployed site',
    example: 'error[E_VERIFY_TARGET]: /tmp/nowhere is not a folder',
  },
  E_VERIFY_UNREACHABLE: {
    when: '`verify`: the first request to the target URL failed',
    hint: 'check the URL, that the site is deployed, and your network connection',
    example: 'error[E_VERIFY_UNREACHABLE]: could not reach http://127.0.0.1:4000/: ECONNREFUSED',
  },
  E_CHECK_TARGET: {
    when: '`colophon check --out DIR` names a folder that is missing or holds no files',
    hint: 'give --out the output folder of a build, such as dist',
    example: 'error[E_CHECK_TARGET]: /tmp/nowhere holds no files',
  },
  E_DIFF_GIT: {
    when: '`diff`: a revision is named, but git is not installed or the site is not inside a git repository',
    hint: 'run colophon diff in a git checkout of the site, or compare two folders or two manifests',
    example: 'error[E_DIFF_GIT]: "HEAD" is not a folder, and . is not inside a git repository to read it as a revision',
  },
  E_DIFF_REVISION: {
    when: '`diff`: a revision names no commit, or has no copy of the site folder',
    hint: 'name a commit, branch or tag of the repository, such as HEAD~1, main or v1.2 (git log lists them)',
    example: 'error[E_DIFF_REVISION]: the revision "mian" does not exist in /home/ada/blog',
  },
  E_DIFF_BUILD: {
    when: '`diff`: one of the two sides does not build; its own errors follow',
    hint: 'the errors below are those of that side; colophon build on a checkout of it shows them too',
    example: 'error[E_DIFF_BUILD]: HEAD~1 (1a2b3c4) does not build (1 error below)',
  },
  E_DIFF_MANIFEST: {
    when: '`diff --manifest`: a file cannot be read, or is not a manifest written by a build',
    hint: 'give the <outDir>.manifest.json that a build writes beside its output, or a colophon-manifest.json',
    example: 'error[E_DIFF_MANIFEST]: cannot read the manifest old.manifest.json: it does not exist',
  },
  E_AS_OF: {
    when: '`--as-of` is not a date, or `SOURCE_DATE_EPOCH` is not a whole number of seconds',
    hint: 'give a date as in front matter, such as 2014-10-13 or 2014-10-13 16:50',
    example: 'error[E_AS_OF]: --as-of "soon" is not a date; use 2014-10-13, 2014-10-13 16:50, ...',
  },
  E_PORT: {
    when: '`serve`: twenty ports in a row are in use',
    hint: 'pass --port with a free port',
    example: 'error[E_PORT]: ports 4000 to 4019 are all in use',
  },
  E_USAGE: {
    when: '`serve`: `--port` is not a port number',
    hint: 'run "colophon --help" for usage',
    example: 'error[E_USAGE]: --port http is not a port number',
  },
  E_EXISTS: {
    when: '`new`: a post with that date and title already exists',
    hint: 'choose another title, or edit the existing post',
    example: 'error[E_EXISTS] content/posts/2026/2026-11-27-hello.md: a post with this date and title already exists',
  },
  E_NEW_TITLE: {
    when: '`new`: the title has no letters or digits for a file name, or makes one longer than 255 bytes',
    hint: 'give a title with letters or digits',
    example: 'error[E_NEW_TITLE]: "???" has no letters or digits to make a file name from',
  },
  E_INIT_NOT_EMPTY: {
    when: '`init`: the folder already holds files and `--force` was not given',
    hint: 'choose an empty or new folder, or pass --force to write beside what is there',
    example: 'error[E_INIT_NOT_EMPTY]: /tmp/x is not empty',
  },
  E_IMPORT_ENGINE: {
    when: '`import`: the engine is neither `blogofile` nor `jekyll`',
    hint: 'known engines: blogofile, jekyll',
    example: 'error[E_IMPORT_ENGINE]: cannot import from "wordpress"',
  },
  E_IMPORT_SOURCE: {
    when: '`import`: the folder has no `_posts` folder',
    hint: 'give the folder of the old blog, the one that holds _posts/',
    example: 'error[E_IMPORT_SOURCE] old-blog: no _posts folder in old-blog',
  },
  E_IMPORT_WRITE: {
    when: '`import`: a converted post could not be written (a file that already exists is skipped instead)',
    hint: 'check that the site folder is writable',
    example: 'error[E_IMPORT_WRITE] content/posts/2014/2014-10-13-x.md: could not write the file: EACCES: ' +
      'permission denied',
  },
} as const satisfies Record<string, { when: string; hint: string; example: string }>;

/** A stable code for one kind of user error: what `error[...]` and `--json` print. */
export type ErrorCode = keyof typeof ERROR_CODES;
