import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { cliWith, installRuntimes, pinnedRuntimes, type Runtime } from './support/runtimes.ts';
import { imageSite } from './support/image-site.ts';
import { movedSite } from './support/moved-site.ts';
import { searchSite } from './support/search-site.ts';
import { cli, type CliRun, deno, digestOf, listTree, ROOT } from './support/site.ts';

/**
 * The promise: one digest for the same sources whatever the folder, file order, mtimes, timezone,
 * locale or runtime. Each variation builds its own copy of the site through the real CLI.
 */
const SITES: Record<string, { root: string; files: string[]; variations?: RegExp }> = {
  // The example's site.config.ts reads package.json (its dependencies are the example's `data`).
  example: { root: ROOT, files: sourcesOf(ROOT, ['site.config.ts', 'package.json', 'content', 'layouts', 'public']) },
  edge: { root: join(ROOT, 'test/fixtures/edge-site'), files: [] },
};
SITES.edge!.files = sourcesOf(SITES.edge!.root, ['site.config.ts', 'content', 'layouts', 'public']);
// The site with search on (the example site has it on too): Pagefind's index must follow the promise.
const searchRoot = searchSite();
SITES.search = { root: searchRoot, files: sourcesOf(searchRoot, ['site.config.ts', 'content']) };
// Bundles with PNG, JPEG, WebP and AVIF images: libvips' encoders must keep the promise too.
const imageRoot = await imageSite();
SITES.images = { root: imageRoot, files: sourcesOf(imageRoot, ['site.config.ts', 'content', 'public']) };
// Every list, feed and the sitemap moved by `paths`, with aliases and _redirects. What it adds to the
// other sites is pure model code, so a few variations are enough: order, mtimes, timezone, locale, Deno.
const movedRoot = movedSite();
SITES['moved-paths'] = {
  root: movedRoot,
  files: sourcesOf(movedRoot, ['site.config.ts', 'content']),
  variations: /baseline|shuffled|ja_JP|Deno/,
};

function sourcesOf(root: string, entries: string[]): string[] {
  return entries.filter((e) => existsSync(join(root, e))).flatMap((
    e,
  ) => (/\.(?:ts|json)$/.test(e) ? [e] : listTree(join(root, e)).map((f) => `${e}/${f}`)));
}

type Order = 'sorted' | 'reverse' | 'shuffled';

/** Copies the site file by file in the given order, so directory listing order differs between copies. */
function copySite(site: string, order: Order, mtime?: Date): string {
  const { root, files } = SITES[site]!;
  const dir = mkdtempSync(join(tmpdir(), `colophon-det-${order}-`));
  const list = order === 'sorted' ? files : order === 'reverse' ? [...files].reverse() : shuffle(files);
  for (const file of list) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(root, file), join(dir, file));
    if (mtime) utimesSync(join(dir, file), mtime, mtime);
  }
  return dir;
}

/** A fixed permutation (seeded, no Math.random): the test itself must be repeatable. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 20141013;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Build {
  dir: string;
  result: CliRun;
}

interface Variation {
  name: string;
  run(site: string): Build | Promise<Build>;
}

/**
 * Node 22 and 24 (pinned in test/runtimes/) each build each site once, all four at the same time and
 * while the variations that run one by one go on: installing them takes seconds, the builds hardly
 * wait for each other. Their ICU differs from Node 20's (78.3 against 78.2, tz data 2026e against
 * 2025c), which our own date formatting must keep out of the output.
 */
const installed = installRuntimes();
const otherNodeBuilds = new Map<string, Promise<Build>>();
function buildWith(runtime: Runtime, site: string): Promise<Build> {
  const key = `${runtime.name} ${site}`;
  if (!otherNodeBuilds.has(key)) {
    const build = installed.then(async () => {
      const dir = copySite(site, 'sorted');
      return { dir, result: await cliWith(runtime, ['build', dir, '--no-cache'], { TZ: 'Pacific/Auckland' }) };
    });
    build.catch(() => {}); // reported by the test that awaits it
    otherNodeBuilds.set(key, build);
  }
  return otherNodeBuilds.get(key)!;
}

const buildCopy = (order: Order, env: Record<string, string> = {}, mtime?: Date) => (site: string) => {
  const dir = copySite(site, order, mtime);
  return { dir, result: cli(['build', dir], env) };
};

const buildCopyNoCache = (env: Record<string, string>) => (site: string) => {
  const dir = copySite(site, 'sorted');
  return { dir, result: cli(['build', dir, '--no-cache'], env) };
};

const VARIATIONS: Variation[] = [
  { name: 'TZ=UTC LANG=C (baseline)', run: buildCopy('sorted', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }) },
  {
    name: 'a rebuild of the same folder',
    run: (site) => {
      const first = buildCopy('sorted')(site);
      return { dir: first.dir, result: cli(['build', first.dir]) };
    },
  },
  { name: 'another folder, files created in reverse order', run: buildCopy('reverse') },
  {
    name: 'highlighting without the cache (--no-cache)',
    run: (site) => {
      const dir = copySite(site, 'sorted');
      return { dir, result: cli(['build', dir, '--no-cache']) };
    },
  },
  {
    name: 'files created in shuffled order, all mtimes changed',
    run: buildCopy('shuffled', {}, new Date(Date.UTC(2001, 8, 9, 1, 46, 40))),
  },
  { name: 'one worker thread (COLOPHON_WORKERS=1), cold cache', run: buildCopyNoCache({ COLOPHON_WORKERS: '1' }) },
  { name: 'two worker threads, cold cache', run: buildCopyNoCache({ COLOPHON_WORKERS: '2' }) },
  { name: 'five worker threads, cold cache', run: buildCopyNoCache({ COLOPHON_WORKERS: '5' }) },
  { name: 'TZ=America/Los_Angeles', run: buildCopy('sorted', { TZ: 'America/Los_Angeles' }) },
  { name: 'TZ=Pacific/Auckland', run: buildCopy('sorted', { TZ: 'Pacific/Auckland' }) },
  { name: 'TZ=Asia/Kolkata', run: buildCopy('sorted', { TZ: 'Asia/Kolkata' }) },
  { name: 'LANG=en_US.UTF-8', run: buildCopy('sorted', { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' }) },
  { name: 'LANG=de_DE.UTF-8', run: buildCopy('sorted', { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }) },
  {
    name: 'LANG=ja_JP.UTF-8 TZ=Pacific/Auckland',
    run: buildCopy('reverse', { LANG: 'ja_JP.UTF-8', LC_ALL: 'ja_JP.UTF-8', TZ: 'Pacific/Auckland' }),
  },
  ...pinnedRuntimes().map((runtime) => ({
    name: `Node ${runtime.version}, TZ=Pacific/Auckland, cold cache`,
    run: (site: string) => buildWith(runtime, site),
  })),
  {
    name: 'Deno, two worker threads',
    run: (site) => {
      const dir = copySite(site, 'sorted');
      return { dir, result: deno(['build', dir, '--no-cache'], { TZ: 'Asia/Kolkata', COLOPHON_WORKERS: '2' }) };
    },
  },
];

/** Which files differ between two output folders, and where the first differing byte is. */
function explain(a: string, b: string): string {
  const left = new Set(listTree(a));
  const right = new Set(listTree(b));
  const lines: string[] = [];
  for (const f of left) if (!right.has(f)) lines.push(`only in baseline: ${f}`);
  for (const f of right) if (!left.has(f)) lines.push(`only in variation: ${f}`);
  for (const f of left) {
    if (!right.has(f)) continue;
    const x = readFileSync(join(a, f));
    const y = readFileSync(join(b, f));
    if (Buffer.compare(x, y) === 0) continue;
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    const show = (buf: Buffer) => JSON.stringify(buf.subarray(Math.max(0, i - 30), i + 40).toString('utf8'));
    lines.push(`differs: ${f} at byte ${i}\n    baseline:  ${show(x)}\n    variation: ${show(y)}`);
  }
  return lines.join('\n');
}

const variationsOf = (site: string) => VARIATIONS.filter((v) => SITES[site]!.variations?.test(v.name) ?? true);

for (const site of Object.keys(SITES)) {
  // Started now, awaited below.
  for (const runtime of pinnedRuntimes()) {
    if (variationsOf(site).some((v) => v.name.startsWith(`Node ${runtime.version}`))) buildWith(runtime, site);
  }
}

for (const site of Object.keys(SITES)) {
  describe(`byte-identical builds of the ${site} site`, () => {
    const baseline = VARIATIONS[0]!.run(site) as Build;
    for (const variation of variationsOf(site)) {
      it(`gives the baseline digest: ${variation.name}`, async () => {
        assert.equal(baseline.result.status, 0, baseline.result.stderr);
        const { dir, result } = variation === VARIATIONS[0] ? baseline : await variation.run(site);
        assert.equal(result.status, 0, result.stderr);
        const expected = digestOf(baseline.result);
        const actual = digestOf(result);
        if (actual !== expected) {
          assert.fail(
            `${variation.name} changed the output:\n${explain(join(baseline.dir, 'dist'), join(dir, 'dist'))}`,
          );
        }
      });
    }
  });
}
