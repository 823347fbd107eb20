// Colophon's benchmark.
//
//   npm run bench [-- --sizes 1000,4000,10000 --runs 3 --seed 1 --dir /tmp --keep]
//
// For each size N: a seeded corpus of N posts is generated in a temp dir, the floor (bench/floor.mjs)
// is measured, then builds are measured in fresh processes (bench/measure.mjs): cold, warm,
// no-op and one-post edit, and the dev server's save-to-served time (bench/serve-latency.mjs).
// An empty site's cold build is measured last. Progress goes to stderr and the Markdown report to
// stdout. Everything lives in a new folder under --dir (default os.tmpdir()) and is removed at the
// end unless --keep.
//
// Between runs the previous output is moved aside (a rename) rather than deleted: deleting a tree
// of thousands of files costs the file system time that would otherwise land on the next build.
// For the same reason each build starts after `sync`, with the last one's output on disk.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(HERE);

const CASES = {
  cold: 'cold build (no dist/, empty cache)',
  warm: 'warm build (cache filled, no dist/)',
  noop: 'no-op rebuild (nothing changed)',
  edit: 'edit one post, full rebuild',
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
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('--sizes takes positive integers, e.g. 200,1000');
  }
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
  return { sizes, runs, seed, dir: values.dir, keep: values.keep };
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

/** One build in its own process, plus what dist/ holds afterwards. */
function measureBuild(tmp, site, cacheDir) {
  settleDisk();
  const result = runScript(tmp, 'measure.mjs', ['build', site], { COLOPHON_CACHE_DIR: cacheDir });
  const summary = result.out.find((line) => line.startsWith('Built ')) ?? '';
  const written = /\((\d+) written,/.exec(summary)?.[1];
  return { ...result, written: written === undefined ? NaN : Number(written), ...treeSize(join(site, 'dist')) };
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
function measureServe(tmp, site, cacheDir) {
  const result = runScript(tmp, 'serve-latency.mjs', [site, '--edits', '9'], { COLOPHON_CACHE_DIR: cacheDir });
  return { wallMs: result.medianMs, cpuMs: NaN, systemMs: NaN, maxRssKiB: NaN, written: NaN, files: NaN, bytes: NaN };
}

function freshCacheDir(tmp) {
  return mkdtempSync(join(tmp, 'cache-'));
}

/** Appends a sentence to one post, runs fn, then puts the post back so the corpus stays as generated. */
function withEditedPost(file, run, fn) {
  const original = readFileSync(file, 'utf8');
  appendFileSync(file, `\nThis sentence was added by the benchmark, edit number ${run + 1}.\n`);
  try {
    return fn();
  } finally {
    writeFileSync(file, original);
  }
}

// ---- one size ----

function progress(label, run, runs, result) {
  process.stderr.write(`  ${label} ${run + 1}/${runs}: ${(result.wallMs / 1000).toFixed(2)} s\n`);
}

const corpora = new Map(); // by size and seed, so a size named twice is generated once

function corpusFor(tmp, n, seed) {
  const dir = join(tmp, `site-${n}-seed-${seed}`);
  if (!corpora.has(dir)) {
    process.stderr.write(`N=${n}: generating corpus in ${dir}\n`);
    corpora.set(dir, generateCorpus(dir, n, { seed }));
  }
  return corpora.get(dir);
}

/**
 * Each run does cold, warm, no-op and edit in that order, because each leaves exactly the state
 * the next one needs: the cold build fills the cache (warm), the warm build leaves dist/ (no-op).
 */
function benchSize(tmp, n, { runs, seed }) {
  const corpus = corpusFor(tmp, n, seed);
  const site = corpus.dir;
  const edited = join(site, corpus.posts[Math.floor(n / 2)]);
  const floors = [];
  for (let r = 0; r < runs; r++) {
    floors.push(measureFloor(tmp, site));
    progress('floor', r, runs, { wallMs: floors[r].totalMs });
  }
  const results = { cold: [], warm: [], noop: [], edit: [], serve: [] };
  const record = (name, r, result) => (results[name].push(result), progress(name, r, runs, result));
  for (let r = 0; r < runs; r++) {
    const cacheDir = freshCacheDir(tmp);
    removeOutput(tmp, site);
    record('cold', r, measureBuild(tmp, site, cacheDir));
    removeOutput(tmp, site);
    record('warm', r, measureBuild(tmp, site, cacheDir));
    record('noop', r, measureBuild(tmp, site, cacheDir));
    record('edit', r, withEditedPost(edited, r, () => measureBuild(tmp, site, cacheDir)));
    record('serve', r, measureServe(tmp, site, cacheDir));
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return { n, fences: corpus.fences, floors, results };
}

function benchEmpty(tmp, { runs, seed }) {
  const site = corpusFor(tmp, 0, seed).dir;
  const cold = [];
  for (let r = 0; r < runs; r++) {
    const cacheDir = freshCacheDir(tmp);
    removeOutput(tmp, site);
    cold.push(measureBuild(tmp, site, cacheDir));
    progress('empty', r, runs, cold[r]);
    rmSync(cacheDir, { recursive: true, force: true });
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

function spread(values) {
  return `${seconds(median(values))} (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`;
}

function markdownTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function buildRow(n, name, results) {
  const pick = (key) => results.map((r) => r[key]);
  return [
    n,
    CASES[name],
    spread(pick('wallMs')),
    seconds(median(pick('cpuMs'))),
    seconds(median(pick('systemMs'))),
    Number.isNaN(median(pick('maxRssKiB'))) ? '–' : (median(pick('maxRssKiB')) / 1024).toFixed(0),
    Number.isNaN(median(pick('written'))) ? '–' : median(pick('written')),
    Number.isNaN(median(pick('files'))) ? '–' : median(pick('files')),
    mib(median(pick('bytes'))),
  ];
}

function buildTable(sizes, empty) {
  const rows = [];
  for (const { n, results } of sizes) {
    for (const name of ['cold', 'warm', 'noop', 'edit', 'serve']) rows.push(buildRow(n, name, results[name]));
  }
  rows.push(buildRow(0, 'empty', empty));
  const headers = [
    'N',
    'case',
    'wall s, median (min–max)',
    'CPU s',
    'of which system s',
    'peak RSS MiB',
    'files written',
    'dist/ files',
    'dist/ MiB',
  ];
  return markdownTable(headers, rows);
}

function floorTable(sizes) {
  const rows = sizes.map(({ n, fences, floors, results }) => {
    const pick = (key) => floors.map((f) => f[key]);
    const floorMs = median(pick('totalMs'));
    const coldMs = median(results.cold.map((r) => r.wallMs));
    return [
      n,
      fences,
      seconds(median(pick('readMs'))),
      seconds(median(pick('parseMarkdownMs'))),
      seconds(median(pick('shikiMs'))),
      spread(pick('totalMs')),
      seconds(coldMs),
      `${(coldMs / floorMs).toFixed(2)}×`,
    ];
  });
  const headers = [
    'N',
    'code blocks',
    'read s',
    'parse+markdown s',
    'shiki s',
    'floor s, median (min–max)',
    'cold build s',
    'cold / floor',
  ];
  return markdownTable(headers, rows);
}

/**
 * A digest of the compiled engine. Others compile lib/ while a long run goes on (npm test does),
 * and a run that measured two engines must say so.
 */
function libDigest() {
  const lib = join(REPO, 'lib');
  const hash = createHash('sha256');
  const files = readdirSync(lib, { recursive: true }).filter((f) => f.endsWith('.js')).sort();
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(lib, file))).update('\0');
  return hash.digest('hex').slice(0, 12);
}

function gitState() {
  const git = (...args) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown commit';
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'src').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}`;
}

function report(options, sizes, empty, libs) {
  const cpu = cpus();
  const libNote = libs.before === libs.after
    ? `lib/ ${libs.before}`
    : `**lib/ changed during the run (${libs.before} → ${libs.after}): the rows measured different engines**`;
  const imports = [...sizes.flatMap((s) => Object.values(s.results).flat()), ...empty].map((r) => r.importMs);
  return [
    '## Colophon benchmark',
    '',
    `Node ${process.version} on ${process.platform}/${process.arch}, ${cpu.length} × ${
      cpu[0]?.model.trim() ?? 'unknown CPU'
    }; ` +
    `commit ${gitState()}, ${libNote}; seed ${options.seed}; ${options.runs} runs per case, each build in a fresh process.`,
    '',
    buildTable(sizes, empty),
    '',
    'Wall and CPU are measured around `main()`; loading the engine before it took a median ' +
    `${seconds(median(imports))} s and is not included. Peak RSS is the whole process's. ` +
    '"Files written" is from the build summary; dist/ files and MiB are counted after the build. ' +
    'System CPU is time spent in the kernel (creating, writing and removing files). The dev server row is ' +
    'the median of 9 saves per run, each from writing the post to its reloaded page being fetched.',
    '',
    '### Floor: read + gray-matter + markdown-it + shiki on one core, no templates, no writes',
    '',
    floorTable(sizes),
    '',
  ].join('\n');
}

// ---- main ----

function main() {
  let options;
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `error: ${error.message}\nusage: npm run bench [-- --sizes 1000,4000,10000 --runs 3 --seed 1 --dir /tmp --keep]\n`,
    );
    process.exitCode = 64;
    return;
  }
  const tmp = mkdtempSync(join(options.dir, 'colophon-bench-'));
  process.stderr.write(`Working in ${tmp}\n`);
  try {
    const before = libDigest();
    const sizes = options.sizes.map((n) => benchSize(tmp, n, options));
    const empty = benchEmpty(tmp, options);
    process.stdout.write(report(options, sizes, empty, { before, after: libDigest() }));
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
