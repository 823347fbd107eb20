import { parseArgs } from 'node:util';
import { rebuild } from './build.ts';
import { isEntryModule } from './deps/runtime.ts';
import { formatImportReport } from './import/report.ts';
import { importBlog } from './import/run.ts';
import { BuildFailure, ColophonError, formatError } from './lib/errors.ts';
import { version } from './lib/version.ts';
import { sourceDateEpoch } from './model/schedule.ts';
import { progressLine } from './output/progress.ts';
import type { BuildOptions } from './pipeline.ts';
import { verify, verifyPassed, type VerifyReport } from './verify/verify.ts';
import { type Flags, HELP, OPTIONS } from './usage.ts';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Text rewritten in place on a terminal; absent when standard error is not one. */
  progress?(text: string): void;
}

const consoleIo: Io = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(text) : undefined,
};

const COMMANDS: Record<
  string,
  { args: [number, number]; run: (args: string[], flags: Flags, io: Io) => Promise<number> }
> = {
  build: { args: [0, 1], run: ([dir], flags, io) => runBuild(dir ?? '.', flags, io) },
  init: { args: [0, 1], run: ([dir], flags, io) => runInit(dir ?? '.', flags, io) },
  verify: {
    args: [1, 2],
    run: (args, flags, io) => {
      const [dir, target] = args.length === 1 ? ['.', args[0]!] : [args[0]!, args[1]!];
      return runVerify(dir, target, flags, io);
    },
  },
  check: { args: [0, 1], run: ([dir], flags, io) => runCheck(dir ?? '.', flags, io) },
  import: { args: [2, 3], run: ([engine, dir, site], flags, io) => runImport(engine!, dir!, site ?? '.', flags, io) },
  serve: { args: [0, 1], run: ([dir], flags, io) => runServe(dir ?? '.', flags, io) },
  new: { args: [1, 2], run: ([title, dir], flags, io) => runNew(title!, dir ?? '.', flags, io) },
  diff: { args: [0, 2], run: (args, flags, io) => runDiff(args, flags, io) },
};

/** Runs a command line; returns the exit code (0 success, 1 user error or failed check, 2 a bug). */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    return usageError((error as Error).message, io);
  }
  const { values, positionals } = parsed;
  if (values.version) return io.out(version()), 0;
  const [name, ...args] = positionals;
  if (values.help || name === 'help') return io.out(HELP), 0;
  if (name === undefined) return io.err(HELP), 1;
  const command = COMMANDS[name];
  if (!command) return usageError(`unknown command "${name}"`, io);
  const [min, max] = command.args;
  if (args.length < min || args.length > max) return usageError(`wrong number of arguments for "${name}"`, io);
  const drafts = draftsMisused(name, values);
  if (drafts) return usageError(drafts, io);
  try {
    return await command.run(args, values, io);
  } catch (error) {
    return reportFailure(error, name === 'build' ? '; the previous output is unchanged' : '', io, values.json);
  }
}

/** `serve` shows drafts unless --no-drafts; build and verify leave them out unless --drafts. */
function draftsMisused(command: string, flags: Flags): string | undefined {
  if (command === 'serve' && flags.drafts) return 'serve shows drafts already (--no-drafts leaves them out)';
  if (command !== 'serve' && flags['no-drafts']) return `--no-drafts is for serve; ${command} leaves drafts out anyway`;
  return undefined;
}

function usageError(message: string, io: Io): number {
  io.err(`error: ${message}\nRun "colophon --help" for usage.`);
  return 1;
}

/** What build and verify share: the same flags must rebuild the same bytes. */
function buildOptions(flags: Flags): BuildOptions {
  const asOf = flags['as-of'] ?? sourceDateEpoch(process.env.SOURCE_DATE_EPOCH);
  return { drafts: flags.drafts, cache: !flags['no-cache'], baseUrl: flags['base-url'], asOf, full: flags.full };
}

async function runBuild(dir: string, flags: Flags, io: Io): Promise<number> {
  if (flags['determinism-probe']) {
    const { runDeterminismProbe } = await import('./verify/determinism.ts');
    return await runDeterminismProbe(dir, buildOptions(flags)), 0;
  }
  if (flags['check-determinism']) return runDeterminismCheck(dir, flags, io);
  const started = performance.now();
  const line = io.progress && !flags.quiet && !flags.json ? progressLine(io.progress) : undefined;
  line?.start();
  const result = await rebuild(dir, { ...buildOptions(flags), onProgress: line?.update }).finally(() => line?.end());
  const { report } = result;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (flags.json) {
    for (const message of result.warnings) io.out(JSON.stringify({ type: 'warning', message }));
    const { written, unchanged, removed } = report;
    const summary = {
      type: 'summary',
      posts: result.posts,
      pages: result.pages,
      files: result.files,
      written,
      unchanged,
      removed,
      made: result.made,
      upToDate: result.upToDate,
      images: result.images,
      seconds: Number(seconds),
      digest: result.digest,
    };
    return io.out(JSON.stringify(summary)), 0;
  }
  for (const warning of result.warnings) io.err(`warning: ${warning}`);
  if (flags.verbose) {
    for (const path of result.changes.written) io.out(`  written  ${path}`);
    for (const path of result.changes.removed) io.out(`  removed  ${path}`);
  }
  if (flags.verbose) io.out(`  made     ${result.made} of ${count(result.files, 'file')}`);
  const what = `${count(result.posts, 'post')}, ${count(result.pages, 'page')}: ${count(result.files, 'file')}`;
  io.out(
    `${result.upToDate ? 'Up to date:' : 'Built'} ${what} ` +
      `(${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed)` +
      `${imagesPart(result.images)} in ${seconds} s, ${result.digest}${
        result.upToDate ? ' (inputs unchanged since the last build)' : ''
      }`,
  );
  return 0;
}

/** ", 3 images (1 processed)" when the site shows any. */
function imagesPart({ total, processed }: { total: number; processed: number }): string {
  return total === 0 ? '' : `, ${count(total, 'image')} (${processed} processed)`;
}

async function runDeterminismCheck(dir: string, flags: Flags, io: Io): Promise<number> {
  const { checkDeterminism, formatDeterminismReport, ProbeFailed } = await import('./verify/determinism.ts');
  const passOn = [
    ...(flags.drafts ? ['--drafts'] : []),
    ...(flags['as-of'] === undefined ? [] : ['--as-of', flags['as-of']]),
    ...(flags['base-url'] === undefined ? [] : ['--base-url', flags['base-url']]),
  ];
  let report;
  try {
    report = await checkDeterminism(dir, { options: buildOptions(flags), flags: passOn });
  } catch (error) {
    if (!(error instanceof ProbeFailed)) throw error;
    io.err(`The second build failed where the first succeeded:\n${error.message}`);
    return 1;
  }
  const { lines, passed } = formatDeterminismReport(report);
  for (const line of lines) io.out(line);
  return passed ? 0 : 1;
}

async function runCheck(dir: string, flags: Flags, io: Io): Promise<number> {
  const { check } = await import('./check/check.ts');
  const { formatReport } = await import('./check/problems.ts');
  const report = await check(dir, { ...buildOptions(flags), out: flags.out, external: flags.external });
  const { lines, passed } = formatReport(report.files, report.problems, { json: flags.json, strict: flags.strict });
  for (const line of lines) io.out(line);
  return passed ? 0 : 1;
}

async function runVerify(dir: string, target: string, flags: Flags, io: Io): Promise<number> {
  const report = await verify(dir, target, buildOptions(flags));
  io.out(`Rebuilt ${count(report.files, 'file')} in memory: ${report.digest}`);
  printVerifyReport(report, io);
  const passed = verifyPassed(report, flags.strict);
  io.out(passed ? `${target} is exactly what these sources build.` : `${target} does not match these sources.`);
  return passed ? 0 : 1;
}

async function runDiff(args: string[], flags: Flags, io: Io): Promise<number> {
  if (flags.manifest && args.length === 0) return usageError('--manifest needs one or two manifest files', io);
  const { diffSites } = await import('./diff/diff.ts'); // only `diff` loads the HTML parser and the differ
  const { formatDiff, jsonDiff } = await import('./diff/report.ts');
  const report = await diffSites(flags.site, args, { ...buildOptions(flags), manifest: flags.manifest });
  const format = { stat: flags.stat };
  if (flags.json) io.out(JSON.stringify(jsonDiff(report, format)));
  else for (const line of formatDiff(report, format)) io.out(line);
  const differs = report.added.length + report.removed.length + report.changed.length > 0;
  return flags['exit-code'] && differs ? 1 : 0;
}

async function runServe(dir: string, flags: Flags, io: Io): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ColophonError('E_USAGE', `--port ${flags.port} is not a port number`);
  }
  const { serve } = await import('./serve/server.ts'); // only `serve` pays for the server's modules
  // Drafts and future posts are shown while writing, marked as such; the clock only marks them.
  const shown = { drafts: !flags['no-drafts'], clock: () => Date.now() };
  const server = await serve(dir, { port, host: flags.host, ...shown, cache: !flags['no-cache'], log: io.err });
  io.out(`Serving ${dir} at ${server.url} (Ctrl+C to stop)`);
  if (flags.open) openBrowser(server.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}

async function runInit(dir: string, flags: Flags, io: Io): Promise<number> {
  const { initSite } = await import('./scaffold/init.ts');
  for (const path of await initSite(dir, { force: flags.force })) io.out(`  created  ${path}`);
  const into = dir === '.' ? '' : `cd ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replaceAll("'", "'\\''")}'`} && `;
  io.out(`A new site is ready in ${dir}. Next: ${into}npm install && npm run dev`);
  return 0;
}

async function runNew(title: string, dir: string, flags: Flags, io: Io): Promise<number> {
  const { newPost } = await import('./scaffold/new-post.ts');
  const categories = flags.categories.split(',').map((c) => c.trim()).filter(Boolean);
  io.out(await newPost(dir, title, { categories, draft: flags.draft }));
  return 0;
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  import('node:child_process').then(({ spawn }) =>
    spawn(command, [url], { stdio: 'ignore', detached: true }).on('error', () => {}).unref()
  );
}

async function runImport(engine: string, dir: string, site: string, flags: Flags, io: Io): Promise<number> {
  const report = await importBlog(engine, dir, site, { dryRun: flags['dry-run'] });
  for (const line of formatImportReport(report)) io.out(line);
  return 0;
}

function printVerifyReport(report: VerifyReport, io: Io): void {
  for (const path of report.different) io.out(`  different  ${path}`);
  for (const path of report.missing) io.out(`  missing    ${path}`);
  for (const { path, reason } of report.failed) io.out(`  failed     ${path} (${reason})`);
  for (const path of report.extra) io.out(`  extra      ${path}`);
  io.out(
    `${report.identical.length} identical, ${report.different.length} different, ${report.missing.length} missing, ` +
      `${report.failed.length} failed, ${report.extra.length} extra`,
  );
}

function reportFailure(error: unknown, note: string, io: Io, json: boolean): number {
  const errors = error instanceof BuildFailure ? error.errors : error instanceof ColophonError ? [error] : undefined;
  if (!errors) {
    io.err(
      `internal error: this is a bug in Colophon, please report it with the output below.\n${
        (error as Error)?.stack ?? error
      }`,
    );
    return 2;
  }
  if (json) {
    // One object per line, for editors and CI: the same fields as the human-readable form.
    for (const { code, file, line, column, message, hint } of errors) {
      io.out(JSON.stringify({ type: 'error', code, file, line, column, message, hint }));
    }
    return 1;
  }
  for (const e of errors) io.err(formatError(e));
  io.err(`Failed with ${count(errors.length, 'error')}${note}.`);
  return 1;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// Deno runs this file itself; Node does when a child process of --check-determinism is started on it.
if ((import.meta as { main?: boolean }).main || isEntryModule(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
