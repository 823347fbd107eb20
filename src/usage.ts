/** The command line's words: the usage text, and the options `main` parses. */

export const HELP = `colophon — a static blog engine with byte-identical output

Usage:
  colophon build [dir]            build the site in dir (default: .) into its outDir
                                  [--drafts] [--as-of DATE] [--quiet] [--verbose]
                                  [--check-determinism]
  colophon init [dir]             start a new site in dir (default: .) [--force]
  colophon verify [dir] <target>  rebuild in memory and compare with a deployed copy:
                                  a folder, or the http(s) URL of the deployed site
  colophon check [dir]            check the site's links, fragment links, ids, images, feeds
                                  and sitemap, naming the source of each problem
                                  [--out DIR] [--external] [--strict] [--json]
  colophon import <engine> <dir> [site]
                                  bring a hugo, jekyll or blogofile blog into the site in
                                  site (default: .): posts, pages, static files and the
                                  settings that keep every old URL and feed [--dry-run]
  colophon serve [dir]            serve the site with live reload while you write
                                  [--port 4000] [--host 127.0.0.1] [--no-drafts] [--open]
  colophon new "Title" [dir]      start a post dated now [--categories a,b] [--draft]
  colophon diff [REV] [REV2]      what a change does to the built site: REV (default HEAD)
                                  against REV2 (default: the working tree), both built in
                                  memory; a folder instead of a revision is a site or an
                                  output folder [--site DIR] [--stat] [--json] [--exit-code]
                                  [--manifest A [B]]
  colophon --help | --version

Options:
  --json       build: print errors, warnings and the summary as JSON lines on stdout
  --drafts     build, verify: include posts and pages marked draft: true
  --no-drafts  serve: leave drafts out (serve shows them, marked, by default)
  --as-of DATE leave out posts dated after DATE (default: SOURCE_DATE_EPOCH, if set)
  --quiet      build: no progress line on the terminal
  --verbose    build: list every file written or removed
  --check-determinism
               build: build twice in memory, the second time with another clock, Math.random
               seed, TZ, LANG, file order and thread count; list every file that differs.
               Writes nothing. The way to vet a plugin, helper or transform.
  --force      init: write into a folder that is not empty
  --dry-run    import: write nothing, print the same report
  --no-cache   render every body and highlight every code block again instead of reusing the cache
  --strict     verify: files on the target that the site does not produce are an error;
               check: warnings are errors too
  --out DIR    check: check this output folder instead of building in memory
  --external   check: also request every external link (a few at a time, 10 s each)
  --base-url URL  build, verify or diff: use URL instead of the configured url for this run
  --site DIR   diff: the site whose repository and working tree are compared (default: .)
  --stat       diff: counts only
  --exit-code  diff: exit with 1 when anything differs (default: 0 either way)
  --manifest   diff: the arguments are manifest files, compared by path and hash
  -h, --help   show this help
  -v, --version
`;

export const OPTIONS = {
  drafts: { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  'base-url': { type: 'string' },
  'as-of': { type: 'string' },
  'no-drafts': { type: 'boolean', default: false },
  quiet: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  'dry-run': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  stat: { type: 'boolean', default: false },
  'exit-code': { type: 'boolean', default: false },
  manifest: { type: 'boolean', default: false },
  site: { type: 'string', default: '.' },
  'check-determinism': { type: 'boolean', default: false },
  out: { type: 'string' },
  external: { type: 'boolean', default: false },
  'determinism-probe': { type: 'boolean', default: false }, // the child of --check-determinism
  port: { type: 'string', default: '4000' },
  host: { type: 'string', default: '127.0.0.1' },
  open: { type: 'boolean', default: false },
  categories: { type: 'string', default: '' },
  draft: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'v', default: false },
} as const;

export type Flags = {
  drafts: boolean;
  strict: boolean;
  'no-cache': boolean;
  'base-url'?: string;
  'as-of'?: string;
  'no-drafts': boolean;
  quiet: boolean;
  verbose: boolean;
  force: boolean;
  'dry-run': boolean;
  json: boolean;
  stat: boolean;
  'exit-code': boolean;
  manifest: boolean;
  site: string;
  'check-determinism': boolean;
  'determinism-probe': boolean;
  out?: string;
  external: boolean;
  port: string;
  host: string;
  open: boolean;
  categories: string;
  draft: boolean;
};
