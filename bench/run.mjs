// Colophon's benchmark.
//
//   npm run bench [-- --sizes 1000,4000,10000 --runs 3 --seed 1 --dir /tmp --keep --images
//                     --baseline DIR | --baseline-config JSON]
//
// --images makes every post a page bundle with a 2,000 × 1,500 JPEG of its own in its body
// (bench/images.mjs), 500 posts unless --sizes is given: the cold build processes every image,
// the warm one takes them all from the cache.
//
// For each size N: a seeded corpus of N posts is generated in a temp dir, the floor (bench/floor.mjs)
// is measured, then builds are measured in fresh processes (bench/measure.mjs): cold, warm, no-op,
// and rebuilds after one change each (a post's body, another post's title, a new post, a template),
// and the dev server's save-to-served time (bench/serve-latency.mjs).
// An empty site's cold build is measured last. Progress goes to stderr and the Markdown report to
// stdout. Everything lives in a new folder under --dir (default os.tmpdir()) and is removed at the
// end unless --keep.
//
// Between runs the previous output is moved aside (a rename) rather than deleted: deleting a tree
// of thousands of files costs the file system time that would otherwise land on the next build.
// For the same reason each build starts after `sync`, with the last one's output on disk.
//
// --baseline DIR compares this checkout with another one: DIR is a Colophon checkout with node_modules
// installed and lib/ compiled, e.g. a `git worktree` of an older commit after `npm ci`. The machine is
// noisy, so performance is only ever compared as a ratio against a baseline measured in the same run.
// Every build case and the dev server are measured for both engines on the same corpus, interleaved
// (baseline run r, then this checkout's run r) so that drift in the machine hits both alike; each engine
// gets its own fresh cache folder, and the output is moved aside before each engine's run, so neither
// sees the other's dist/, manifest or cache. The floor does not depend on the engine and is measured
// once. The report puts the baseline's median and range beside this checkout's with the ratio of the
// medians (current / baseline), and says whether both engines built the same site digest, as they
// should when the change is a refactor. Each build's digest also goes to stderr with its time.
//
// --baseline-config JSON compares two configurations of this checkout instead of two checkouts: the
// baseline engine is this checkout too, but it builds its own copy of the corpus (a sibling folder,
// made before anything is built) whose site.config.ts has the JSON object deep-merged over the
// corpus's configuration (CORPUS_CONFIG in bench/corpus.mjs): objects merge key by key, anything else
// (arrays included) replaces. E.g. '{"markdown":{"anchors":false}}' gives the baseline
// { title: 'Bench', postsPerPage: 10, markdown: { anchors: false } }, and the ratios say what the
// corpus's own settings cost against it. Everything else is as with --baseline: the same runs,
// interleaved, each engine with a fresh cache folder per run and its own output moved aside, and its
// own site folder besides, so neither sees the other's output or cache. The report labels the
// baseline "baseline (config: JSON)". The site digests are expected to differ, as the settings change
// the output, so they are reported rather than checked against each other; each engine's cold builds
// must still agree among themselves. The two options cannot be given together.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CORPUS_CONFIG, generateCorpus, siteConfigSource } from './corpus.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(HERE);

const USAGE = 'usage: npm run bench [-- --sizes 1000,4000,10000 --runs 3 --seed 1 --dir /tmp --keep --images ' +
  '--baseline DIR | --baseline-config \'{"markdown":{"anchors":false}}\']';

const CASES = {
  cold: 'cold build (no dist/, empty cache)',
  warm: 'warm build (cache filled, no dist/)',
  noop: 'no-op rebuild (nothing changed)',
  edit: "edit one post's body",
  title: "edit another post's title",
  add: 'add a new post',
  template: 'edit a template (layouts/post.eta)',
  serve: 'dev server: save one post → page served',
  empty: 'empty site (0 posts), cold build',
};

// ---- command line ----

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,4000,10000' },
      runs: { type: 'string', default: '3' },
      seed: { type: 'string', default: '1' },
      dir: { type: 'string', default: tmpdir() },
      keep: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'baseline-config': { type: 'string' },
      images: { type: 'boolean', default: false },
    },
  });
  // The image corpus is 500 posts unless --sizes says otherwise.
  const sizeList = values.images && !argv.some((a) => a.startsWith('--sizes')) ? '500' : values.sizes;
  const sizes = sizeList.split(',').map(Number);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--sizes takes positive integers, e.g. 200,1000');
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  const overrideText = values['baseline-config'];
  if (values.baseline !== undefined && overrideText !== undefined) {
    throw new Error(
      '--baseline and --baseline-config are mutually exclusive: the first compares another checkout, ' +
        'the second another configuration of this one',
    );
  }
  // With a baseline it goes first in every run, so that both engines always meet the same sequence.
  // An engine with a config builds its own copy of the corpus, with that config (see siteFor).
  let engines = [{ key: 'current', dir: REPO, tag: '', label: 'current' }];
  if (values.baseline !== undefined) {
    engines = [
      { key: 'baseline', dir: checkout(values.baseline), tag: ' (baseline)', label: 'baseline' },
      { key: 'current', dir: REPO, tag: ' (current)', label: 'current' },
    ];
  } else if (overrideText !== undefined) {
    const override = configOverride(overrideText);
    const shown = JSON.stringify(override);
    engines = [
      {
        key: 'baseline',
        dir: REPO,
        tag: ' (baseline config)',
        label: `baseline (config: ${shown})`,
        config: mergeConfig(CORPUS_CONFIG, override),
      },
      { key: 'current', dir: REPO, tag: ' (current)', label: 'current' },
    ];
  }
  return {
    sizes,
    runs,
    seed,
    dir: values.dir,
    keep: values.keep,
    engines,
    compare: engines.length > 1,
    configs: overrideText !== undefined,
    images: values.images,
  };
}

/** The --baseline-config JSON: an object, checked now rather than when the baseline's first build fails. */
function configOverride(text) {
  const example = `e.g. '{"markdown":{"anchors":false}}'`;
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--baseline-config takes a JSON object, ${example}: ${error.message}`);
  }
  if (!isPlainObject(value)) throw new Error(`--baseline-config takes a JSON object, ${example}`);
  // JSON.parse makes "__proto__" an ordinary key, but written into site.config.ts it would set the prototype.
  const proto = (v) => isPlainObject(v) && Object.entries(v).some(([k, inner]) => k === '__proto__' || proto(inner));
  if (proto(value)) throw new Error('--baseline-config cannot set "__proto__"');
  return value;
}

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Deep merge for JSON values: objects merge key by key; anything else, arrays included, replaces. */
function mergeConfig(base, override) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(override)) {
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? mergeConfig(merged[key], value) : value;
  }
  return merged;
}

/** A baseline checkout, checked now rather than after minutes of measuring this one. */
function checkout(dir) {
  const abs = resolve(dir);
  for (const needed of ['lib/cli.js', 'lib/serve/server.js', 'node_modules']) {
    if (!existsSync(join(abs, needed))) {
      throw new Error(`--baseline ${abs} has no ${needed}: it takes a Colophon checkout after \`npm ci\``);
    }
  }
  return abs;
}

// ---- child processes ----

/** A measured command failed; its own output says why, so no stack of ours is needed. */
class ChildFailed extends Error {}

/** Runs one of the bench scripts in a fresh node process and returns the JSON it wrote. */
function runScript(tmp, script, args, env = {}) {
  const jsonFile = join(tmp, 'result.json');
  rmSync(jsonFile, { force: true });
  const child = spawnSync(process.execPath, [join(HERE, script), '--json', jsonFile, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024, // a broken site can print one warning per post
  });
  if (child.status !== 0) {
    throw new ChildFailed(
      `${script} ${args.join(' ')} failed (${child.status ?? child.signal}):\n${child.stderr}${child.stdout}`,
    );
  }
  return JSON.parse(readFileSync(jsonFile, 'utf8'));
}

function measureFloor(tmp, site) {
  return runScript(tmp, 'floor.mjs', [site]);
}

/**
 * Writes back every dirty page before a measurement. A build leaves hundreds of megabytes for the
 * kernel to write out in the background; without this, the next build would pay for that too, by
 * a different amount each time.
 */
function settleDisk() {
  if (process.platform !== 'win32') spawnSync('sync');
}

/** One build by one engine in its own process, plus what dist/ holds afterwards. */
function measureBuild(tmp, site, cacheDir, engine) {
  settleDisk();
  const args = ['--engine', engine.dir, 'build', site, '--json'];
  const result = runScript(tmp, 'measure.mjs', args, { COLOPHON_CACHE_DIR: cacheDir });
  const summary = result.out.map((line) => JSON.parse(line)).find((line) => line.type === 'summary') ?? {};
  return {
    ...result,
    written: summary.written ?? NaN,
    // Files rendered, encoded and hashed; an engine that reports none made every file.
    made: summary.made ?? summary.files ?? NaN,
    // Null when missing, as undefined means "not a build" to progress().
    digest: summary.digest ?? null,
    images: summary.images?.total
      ? `${summary.images.total} images (${summary.images.processed} processed)`
      : undefined,
    ...treeSize(join(site, 'dist')),
  };
}

// ---- files ----

function treeSize(dir) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = treeSize(path);
      files += inner.files;
      bytes += inner.bytes;
    } else {
      files += 1;
      bytes += statSync(path).size;
    }
  }
  return { files, bytes };
}

/** Moves the previous build's output aside, manifest included, so the next build starts from nothing. */
function removeOutput(tmp, site) {
  const trash = mkdtempSync(join(tmp, 'trash-'));
  for (const name of ['dist', 'dist.manifest.json']) {
    if (existsSync(join(site, name))) renameSync(join(site, name), join(trash, name));
  }
}

/** The dev server's save-to-served latency, median of its edits, in its own process. */
function measureServe(tmp, site, cacheDir, engine) {
  const args = ['--engine', engine.dir, site, '--edits', '9'];
  const result = runScript(tmp, 'serve-latency.mjs', args, { COLOPHON_CACHE_DIR: cacheDir });
  const none = { cpuMs: NaN, systemMs: NaN, maxRssKiB: NaN, written: NaN, made: NaN, files: NaN, bytes: NaN };
  return { ...none, wallMs: result.medianMs };
}

function freshCacheDir(tmp) {
  return mkdtempSync(join(tmp, 'cache-'));
}

/**
 * The one-change rebuilds, each after the last with its change kept, so that each build meets
 * exactly one change: a sentence added to one post, another post retitled, a new post, and a
 * template of the theme overridden with an HTML comment added (every post page changes). `undo`
 * puts the corpus back as generated.
 */
function oneChangeEdits(site, corpus, run) {
  const pick = (at) => join(site, corpus.posts[Math.floor(corpus.posts.length * at)]);
  const [body, title] = [pick(0.5), pick(0.25)];
  const added = join(site, 'content', 'posts', `bench-added-${run + 1}.md`);
  const originals = new Map([body, title].map((file) => [file, readFileSync(file, 'utf8')]));
  const template = join(site, 'layouts', 'post.eta');
  return {
    edit: () => appendFileSync(body, `\nThis sentence was added by the benchmark, edit number ${run + 1}.\n`),
    title: () =>
      writeFileSync(title, originals.get(title).replace(/^title: .*$/m, `title: Retitled by the benchmark ${run + 1}`)),
    add: () =>
      writeFileSync(
        added,
        `---\ntitle: Added by the benchmark\ndate: 2024-06-01 12:00\n---\nA new post, ${run + 1}.\n`,
      ),
    template: () => {
      mkdirSync(dirname(template), { recursive: true });
      const theme = readFileSync(join(REPO, 'layouts', 'post.eta'), 'utf8');
      writeFileSync(template, `${theme}<!-- edited by the benchmark, ${run + 1} -->\n`);
    },
    undo: () => {
      for (const [file, text] of originals) writeFileSync(file, text);
      rmSync(added, { force: true });
      rmSync(dirname(template), { recursive: true, force: true });
    },
  };
}

// ---- one size ----

/** A line per measurement; a build's line ends with its site digest, to check by eye that runs agree. */
function progress(label, run, runs, result, tag = '') {
  const digest = result.digest === undefined ? '' : `, ${result.digest ?? 'no digest in the summary'}`;
  const images = result.images ? `, ${result.images}` : '';
  process.stderr.write(
    `  ${label} ${run + 1}/${runs}${tag}: ${(result.wallMs / 1000).toFixed(2)} s${images}${digest}\n`,
  );
}

/** One value per engine, by key ('current', and 'baseline' with --baseline). */
function byEngine(engines, make) {
  return Object.fromEntries(engines.map((engine) => [engine.key, make()]));
}

const corpora = new Map(); // by size and seed, so a size named twice is generated once

function corpusFor(tmp, n, seed, images = false) {
  const dir = join(tmp, `site-${n}-seed-${seed}`);
  if (!corpora.has(dir)) {
    process.stderr.write(`N=${n}: generating corpus in ${dir}\n`);
    const corpus = generateCorpus(dir, n, { seed });
    if (images) {
      process.stderr.write(`N=${n}: making each post a bundle with a ${IMAGES} JPEG\n`);
      const child = spawnSync(process.execPath, [join(HERE, 'images.mjs'), dir], { encoding: 'utf8' });
      if (child.status !== 0) throw new ChildFailed(`images.mjs failed:\n${child.stderr}`);
      corpus.posts = JSON.parse(child.stdout);
    }
    corpora.set(dir, corpus);
  }
  return corpora.get(dir);
}

const IMAGES = '2,000 × 1,500';

/**
 * The site folder an engine builds. Without a config of its own, the corpus itself (with --baseline
 * both engines take turns on it). With one (--baseline-config), a copy of the corpus beside it, made
 * on first use, before either engine has built anything, with site.config.ts written from the config.
 */
function siteFor(corpus, engine) {
  if (engine.config === undefined) return corpus.dir;
  const dir = `${corpus.dir}-${engine.key}-config`;
  if (!existsSync(dir)) {
    cpSync(corpus.dir, dir, { recursive: true });
    writeFileSync(join(dir, 'site.config.ts'), siteConfigSource(engine.config));
    process.stderr.write(`  copied it for the ${engine.label} to ${dir}\n`);
  }
  return dir;
}

/** Each engine's site folder, by key. */
function sitesFor(corpus, engines) {
  return Object.fromEntries(engines.map((engine) => [engine.key, siteFor(corpus, engine)]));
}

/**
 * Each run does cold, warm, no-op and the one-change rebuilds in that order, because each leaves
 * exactly the state the next one needs: the cold build fills the cache (warm), the warm build
 * leaves dist/ (no-op), and each rebuild leaves the output of the change before it.
 * With a baseline, run r of the baseline comes just before run r of this checkout, so that a slow
 * minute of the machine lands on both rather than on one engine's every run. The floor reads the
 * posts alone, which are the same in every engine's site folder, so it reads the corpus.
 */
function benchSize(tmp, n, { runs, seed, engines, images }) {
  const corpus = corpusFor(tmp, n, seed, images);
  const sites = sitesFor(corpus, engines);
  const floors = [];
  for (let r = 0; r < runs; r++) {
    floors.push(measureFloor(tmp, corpus.dir));
    progress('floor', r, runs, { wallMs: floors[r].totalMs });
  }
  const results = byEngine(engines, () => Object.fromEntries([...BUILD_CASES, 'serve'].map((name) => [name, []])));
  for (let r = 0; r < runs; r++) {
    for (const engine of engines) {
      const site = sites[engine.key];
      const record = (name, result) => {
        results[engine.key][name].push(result);
        progress(name, r, runs, result, engine.tag);
      };
      const cacheDir = freshCacheDir(tmp);
      // On a shared site folder this also moves the other engine's output aside: each engine's cold
      // build starts from nothing.
      removeOutput(tmp, site);
      record('cold', measureBuild(tmp, site, cacheDir, engine));
      removeOutput(tmp, site);
      record('warm', measureBuild(tmp, site, cacheDir, engine));
      record('noop', measureBuild(tmp, site, cacheDir, engine));
      const edits = oneChangeEdits(site, corpus, r);
      try {
        for (const name of ONE_CHANGE) {
          edits[name]();
          record(name, measureBuild(tmp, site, cacheDir, engine));
        }
      } finally {
        edits.undo();
      }
      record('serve', measureServe(tmp, site, cacheDir, engine));
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  return { n, fences: corpus.fences, floors, results };
}

function benchEmpty(tmp, { runs, seed, engines }) {
  const sites = sitesFor(corpusFor(tmp, 0, seed), engines);
  const cold = byEngine(engines, () => []);
  for (let r = 0; r < runs; r++) {
    for (const engine of engines) {
      const site = sites[engine.key];
      const cacheDir = freshCacheDir(tmp);
      removeOutput(tmp, site);
      cold[engine.key].push(measureBuild(tmp, site, cacheDir, engine));
      progress('empty', r, runs, cold[engine.key][r], engine.tag);
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  return cold;
}

// ---- report ----

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms) => (Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(ms < 1000 ? 3 : 2));
const mib = (bytes) => (Number.isNaN(bytes) ? '–' : (bytes / 1024 / 1024).toFixed(2));
const rssMib = (kib) => (Number.isNaN(kib) ? '–' : (kib / 1024).toFixed(0));
const count = (value) => (Number.isNaN(value) ? '–' : value);
/** Current over baseline, both medians: below 1× this checkout is faster. */
function ratio(current, baseline) {
  const value = current / baseline;
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

function spread(values) {
  return `${seconds(median(values))} (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`;
}

function markdownTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const medianOf = (results, key) => median(results.map((r) => r[key]));

function buildRow(n, name, results, cold) {
  const pick = (key) => medianOf(results, key);
  const toCold = (key) => (name === 'cold' || !cold ? '' : ratio(pick(key), medianOf(cold, key)));
  return [
    n,
    CASES[name],
    spread(results.map((r) => r.wallMs)),
    toCold('wallMs'),
    seconds(pick('cpuMs')),
    toCold('cpuMs'),
    seconds(pick('systemMs')),
    rssMib(pick('maxRssKiB')),
    count(pick('made')),
    count(pick('written')),
    count(pick('files')),
    mib(pick('bytes')),
  ];
}

/**
 * One case for both engines. Time and memory show both medians; what the build wrote shows one
 * value when the engines agree, which they should unless the change meant to alter the output.
 */
function comparedRow(n, name, baseline, current) {
  const both = (key, format) => {
    const [b, c] = [format(medianOf(baseline, key)), format(medianOf(current, key))];
    return b === '–' && c === '–' ? '–' : `${b} → ${c}`;
  };
  const agreed = (key, format) => {
    const [b, c] = [format(medianOf(baseline, key)), format(medianOf(current, key))];
    return String(b) === String(c) ? b : `${b} → ${c}`;
  };
  return [
    n,
    CASES[name],
    spread(baseline.map((r) => r.wallMs)),
    spread(current.map((r) => r.wallMs)),
    ratio(medianOf(current, 'wallMs'), medianOf(baseline, 'wallMs')),
    both('cpuMs', seconds),
    ratio(medianOf(current, 'cpuMs'), medianOf(baseline, 'cpuMs')),
    both('systemMs', seconds),
    both('maxRssKiB', rssMib),
    agreed('made', count),
    agreed('written', count),
    agreed('files', count),
    agreed('bytes', mib),
  ];
}

const ONE_CHANGE = ['edit', 'title', 'add', 'template'];
const BUILD_CASES = ['cold', 'warm', 'noop', ...ONE_CHANGE];

function buildTable(sizes, empty, compare) {
  const rows = [];
  const row = (n, name, of, cold) =>
    compare ? comparedRow(n, name, of.baseline, of.current) : buildRow(n, name, of.current, cold);
  for (const { n, results } of sizes) {
    for (const name of [...BUILD_CASES, 'serve']) {
      const cold = name === 'serve' ? undefined : results.current.cold;
      rows.push(row(n, name, { baseline: results.baseline?.[name], current: results.current[name] }, cold));
    }
  }
  rows.push(row(0, 'empty', empty));
  const headers = compare
    ? [
      'N',
      'case',
      'baseline wall s, median (min–max)',
      'current wall s, median (min–max)',
      'wall, current / baseline',
      'CPU s, baseline → current',
      'CPU, current / baseline',
      'of which system s, baseline → current',
      'peak RSS MiB, baseline → current',
      'files made',
      'files written',
      'dist/ files',
      'dist/ MiB',
    ]
    : [
      'N',
      'case',
      'wall s, median (min–max)',
      'wall / cold',
      'CPU s',
      'CPU / cold',
      'of which system s',
      'peak RSS MiB',
      'files made',
      'files written',
      'dist/ files',
      'dist/ MiB',
    ];
  return markdownTable(headers, rows);
}

function floorTable(sizes, compare) {
  const rows = sizes.map(({ n, fences, floors, results }) => {
    const pick = (key) => floors.map((f) => f[key]);
    const floorMs = median(pick('totalMs'));
    const cold = (engine) => {
      const coldMs = medianOf(results[engine].cold, 'wallMs');
      return [seconds(coldMs), `${(coldMs / floorMs).toFixed(2)}×`];
    };
    return [
      n,
      fences,
      seconds(median(pick('readMs'))),
      seconds(median(pick('parseMarkdownMs'))),
      seconds(median(pick('shikiMs'))),
      spread(pick('totalMs')),
      ...(compare ? cold('baseline') : []),
      ...cold('current'),
    ];
  });
  const headers = [
    'N',
    'code blocks',
    'read s',
    'parse+markdown s',
    'shiki s',
    'floor s, median (min–max)',
    ...(compare
      ? ['baseline cold build s', 'baseline cold / floor', 'current cold build s', 'current cold / floor']
      : ['cold build s', 'cold / floor']),
  ];
  return markdownTable(headers, rows);
}

const shortDigest = (digest) => (digest ? digest.slice(0, 'sha256:'.length + 12) : '–');

/**
 * Whether both engines built the same site. The cold builds are the check the report is for; the
 * last column compares every build of the two engines run by run, the edits included (run r of
 * both engines edits the post the same way). With configs that differ (--baseline-config) the
 * output is meant to differ: the digests are only reported, and the run-by-run column is left out,
 * but the cold builds of one engine must still agree among themselves.
 */
function digestRow(n, cases, baseline, current, configs) {
  const colds = (results) => [...new Set(results.cold.map((r) => r.digest))];
  const [b, c] = [colds(baseline), colds(current)];
  let same;
  if ([...b, ...c].includes(null)) same = 'no digest in a build summary';
  else if (b.length > 1 || c.length > 1) same = 'no: the runs of one engine disagree';
  else if (configs) same = b[0] === c[0] ? 'yes: the settings did not change the output' : 'no, as the configs differ';
  else same = b[0] === c[0] ? 'yes' : 'no';
  const row = [n, b.map(shortDigest).join(', '), c.map(shortDigest).join(', '), same];
  if (configs) return row;
  const differ = cases.flatMap((name) =>
    baseline[name].flatMap((result, r) =>
      result.digest !== null && result.digest === current[name][r]?.digest ? [] : [`${name} run ${r + 1}`]
    )
  );
  return [...row, differ.length ? `no: ${differ.join(', ')}` : 'yes'];
}

function digestTable(sizes, empty, configs) {
  const rows = sizes.map(({ n, results }) => digestRow(n, BUILD_CASES, results.baseline, results.current, configs));
  rows.push(digestRow(0, ['cold'], { cold: empty.baseline }, { cold: empty.current }, configs));
  const headers = ['N', 'baseline cold build', 'current cold build', 'same cold digest'];
  if (!configs) headers.push('every build, run by run');
  return markdownTable(headers, rows);
}

/**
 * A digest of the compiled engine. Others compile lib/ while a long run goes on (npm test does),
 * and a run that measured two engines must say so.
 */
function libDigest(dir = REPO) {
  const lib = join(dir, 'lib');
  const hash = createHash('sha256');
  const files = readdirSync(lib, { recursive: true }).filter((f) => f.endsWith('.js')).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(lib, file))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

function gitState(dir = REPO) {
  const git = (...args) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown commit';
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'src').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}`;
}

/** Which engine measured the rows: its commit and the digest of its lib/ before and after the run. */
function engineNote(dir, lib, whose) {
  const libNote = lib.before === lib.after
    ? `lib/ ${lib.before}`
    : `**lib/ changed during the run (${lib.before} → ${lib.after}): the ${whose} measured different engines**`;
  return `commit ${gitState(dir)}, ${libNote}`;
}

function report(options, sizes, empty, libs) {
  const cpu = cpus();
  const { compare, configs, engines } = options;
  const engineNotes = compare
    ? engines.map(({ key, dir, label }) => `${label} ${dir}: ${engineNote(dir, libs[key], `${key} rows`)}`)
      .join('; ')
    : engineNote(REPO, libs.current, 'rows');
  const baselineLabel = engines.find((engine) => engine.key === 'baseline')?.label;
  // The dev server rows have no import time of their own: only builds are counted.
  const importMs = (key) =>
    median(
      [...sizes.flatMap((s) => Object.values(s.results[key]).flat()), ...empty[key]]
        .map((r) => r.importMs)
        .filter((ms) => ms !== undefined),
    );
  const loading = compare
    ? `${seconds(importMs('current'))} s (baseline ${seconds(importMs('baseline'))} s)`
    : `${seconds(importMs('current'))} s`;
  const lines = [
    '## Colophon benchmark',
    '',
    `Node ${process.version} on ${process.platform}/${process.arch}, ${cpu.length} × ${
      cpu[0]?.model.trim() ?? 'unknown CPU'
    }; ` +
    `${engineNotes}; seed ${options.seed}; ${options.runs} runs per case, each build in a fresh process.`,
    '',
    ...(configs
      ? [`**${baselineLabel}** against **current** (the corpus as configured), both this checkout.`, '']
      : []),
    ...(options.images
      ? [`Image corpus (--images): each post is a bundle whose body shows a ${IMAGES} JPEG of its own.`, '']
      : []),
    buildTable(sizes, empty, compare),
    '',
    'Wall and CPU are measured around `main()`; loading the engine before it took a median ' +
    `${loading} and is not included. Peak RSS is the whole process's. ` +
    '"Files made" (rendered, encoded and hashed) and "files written" are from the build summary; dist/ files ' +
    'and MiB are counted after the build. Wall / cold and CPU / cold are the medians over the cold build of ' +
    'the same run; each one-change rebuild follows the one before it, its change kept, so that each build ' +
    'meets exactly one change. ' +
    'System CPU is time spent in the kernel (creating, writing and removing files). The dev server row is ' +
    'the median of 9 saves per run, each from writing the post to its reloaded page being fetched.',
  ];
  if (compare && configs) {
    lines.push(
      '',
      'The baseline is this checkout building a copy of the corpus whose site.config.ts has the JSON above ' +
        "deep-merged over the corpus's configuration; current is this checkout building the corpus as " +
        'configured. Ratios are current / baseline of the medians: below 1× the corpus as configured ' +
        'is faster. Both built the same posts in the same run, interleaved (baseline run r, then current ' +
        'run r), each in its own site folder with its own cache folder. Files written, dist/ files and MiB ' +
        'show one value when both agree, else baseline → current.',
      '',
      '### Site digest: the configs differ, so the digests are expected to differ',
      '',
      digestTable(sizes, empty, configs),
    );
  } else if (compare) {
    lines.push(
      '',
      'Ratios are current / baseline of the medians: below 1× the current checkout is faster. Both engines ' +
        'built the same corpus in the same run, interleaved (baseline run r, then current run r), each with ' +
        "its own cache folder and with the other's output moved aside. Files written, dist/ files and MiB " +
        'show one value when both engines agree, else baseline → current.',
      '',
      '### Site digest: the same output from both engines (as a refactor should give)',
      '',
      digestTable(sizes, empty, configs),
    );
  }
  lines.push(
    '',
    '### Floor: read + gray-matter + markdown-it + shiki on one core, no templates, no writes',
    '',
    floorTable(sizes, compare),
    '',
  );
  return lines.join('\n');
}

// ---- main ----

function main() {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`error: ${error.message}\n${USAGE}\n`);
    process.exitCode = 64;
    return;
  }
  const tmp = mkdtempSync(join(options.dir, 'colophon-bench-'));
  process.stderr.write(`Working in ${tmp}\n`);
  try {
    const before = Object.fromEntries(options.engines.map(({ key, dir }) => [key, libDigest(dir)]));
    const sizes = options.sizes.map((n) => benchSize(tmp, n, options));
    const empty = benchEmpty(tmp, options);
    const libs = Object.fromEntries(
      options.engines.map(({ key, dir }) => [key, { before: before[key], after: libDigest(dir) }]),
    );
    process.stdout.write(report(options, sizes, empty, libs));
  } catch (error) {
    // A failed build makes every number of this run meaningless: say why and stop.
    if (!(error instanceof ChildFailed)) throw error;
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  } finally {
    if (options.keep) process.stderr.write(`Kept ${tmp}\n`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main();
