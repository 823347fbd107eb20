import childProcess, { type ChildProcess, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { arch } from 'node:os';
import * as pagefind from 'pagefind';

/** A page to index: its URL as search results link to it, and its HTML as written. */
export interface IndexedPage {
  url: string;
  html: string;
}

/** A file of Pagefind's bundle, by its path inside the bundle's folder. */
export interface BundleFile {
  path: string;
  bytes: Uint8Array;
}

/** Marks in Colophon's bodies that are not part of the text: heading self-links ("#"), footnote numbers. */
const NOT_TEXT = ['.header-anchor', '.footnote-ref', '.footnote-backref'];

/** Pagefind could not be run, stopped, or reported an error; the message says which, in the user's terms. */
export class PagefindFailure extends Error {}

/**
 * Indexes the pages with Pagefind's Node API and returns its bundle, all in memory: Pagefind writes
 * nothing. Pages are sent one at a time, in the order given: Pagefind numbers pages as they come,
 * so the bundle's bytes (and the file names, which are hashes of them) follow that order. Pagefind
 * runs as a child process (its own binary, from the platform package npm installed beside it); it
 * is checked before use so that a missing or broken binary is one clear failure.
 */
export function indexPages(pages: Iterable<IndexedPage>, language: string): Promise<BundleFile[]> {
  // One index at a time (the dev server may ask again while one is made): Pagefind's process, and
  // what is done here around it, are shared.
  const run = queue.then(() => indexNow(pages, language));
  queue = run.catch(() => {});
  return run;
}

let queue: Promise<unknown> = Promise.resolve();

async function indexNow(pages: Iterable<IndexedPage>, language: string): Promise<BundleFile[]> {
  checkBinary();
  const said: string[] = [];
  const restore = hearPagefind(said);
  try {
    const created = await answered(
      watchLaunch(() => pagefind.createIndex({ forceLanguage: language, excludeSelectors: NOT_TEXT })),
    );
    const index = created.index;
    if (!index || created.errors.length > 0) throw new PagefindFailure(`could not start an index: ${created.errors}`);
    for (const page of pages) {
      const added = await answered(index.addHTMLFile({ url: page.url, content: page.html }));
      if (added.errors.length > 0) throw new PagefindFailure(`could not index ${page.url}: ${added.errors.join('; ')}`);
    }
    const { files, errors } = await answered(index.getFiles());
    if (errors.length > 0) throw new PagefindFailure(`could not write its index: ${errors.join('; ')}`);
    await answered(index.deleteIndex());
    return files.map((f) => ({ path: f.path, bytes: f.content }));
  } catch (error) {
    // A service that failed once is not asked again: the next index starts a new one.
    await pagefind.close();
    if (error instanceof PagefindFailure) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (message === 'Pagefind backend closed') {
      throw new PagefindFailure(`stopped before the index was done${said.length > 0 ? ` (${said.join('; ')})` : ''}`);
    }
    throw new PagefindFailure(`failed: ${message}`);
  } finally {
    restore();
  }
}

/**
 * Pagefind's Node API prints to console.error (with a stack trace) when its process goes away,
 * before it rejects what was pending. While it indexes, what it prints there is kept for the error
 * Colophon reports instead; anything else printed goes through as usual.
 */
function hearPagefind(said: string[]): () => void {
  const original = console.error;
  console.error = (...args: unknown[]) => {
    const [first, second] = args;
    if (first === 'Service stopped') said.push(second instanceof Error ? second.message : String(second));
    else if (first instanceof Error && /Pagefind/.test(first.message)) said.push(first.message);
    else original(...args);
  };
  return () => {
    console.error = original;
  };
}

/**
 * Pagefind's process, as its Node API started it. The API keeps one process for all indexes and
 * does not notice when it ends: a message waiting for an answer would wait for ever (and the build
 * would end half done, or the dev server hang). So the process is watched here.
 */
let service: { child: ChildProcess; ended: Promise<never> } | undefined;

/**
 * Runs `call`, which may start Pagefind's process: the API starts it synchronously inside its
 * first call, through child_process.spawn, which is lent a wrapper for just that moment to see
 * the process it starts.
 */
function watchLaunch<T>(call: () => Promise<T>): Promise<T> {
  const spawn = childProcess.spawn;
  childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
    const child = spawn(...args);
    const ended = new Promise<never>((_, reject) => {
      child.once('exit', (code, signal) => {
        if (service?.child === child) service = undefined;
        reject(new PagefindFailure(`stopped before the index was done (${signal ?? `exit code ${code}`})`));
      });
    });
    ended.catch(() => {}); // only an error while someone waits for an answer
    service = { child, ended };
    return child;
  }) as typeof spawn;
  try {
    return call();
  } finally {
    childProcess.spawn = spawn;
  }
}

/** Pagefind's answer, or a failure when its process ends first. */
function answered<T>(promise: Promise<T>): Promise<T> {
  return service ? Promise.race([promise, service.ended]) : promise;
}

/**
 * Finds Pagefind's binary as its own Node API does (the *_BINARY_PATH variables, then the platform
 * package) and runs it once with --version, so that a missing or broken binary is reported here
 * rather than as an unanswered message.
 */
function checkBinary(): void {
  const binary = binaryPath();
  if (binary === undefined) {
    const platform = `${process.platform === 'win32' ? 'windows' : process.platform}-${arch()}`;
    throw new PagefindFailure(`has no binary for ${platform} here (the package @pagefind/${platform} is missing)`);
  }
  const run = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw new PagefindFailure(`could not be started: ${run.error.message}`);
  if (run.status !== 0) {
    const said = `${run.stderr}${run.stdout}`.trim().split('\n')[0];
    throw new PagefindFailure(
      `could not be started: ${binary} --version exited with ${run.status}${said ? `: ${said}` : ''}`,
    );
  }
}

const BINARIES = ['pagefind_extended', 'pagefind'];

function binaryPath(): string | undefined {
  for (const name of BINARIES) {
    const given = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (given) return given;
  }
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const cpu = process.env.npm_config_arch || arch();
  const require = createRequire(import.meta.resolve('pagefind'));
  for (const name of BINARIES) {
    try {
      return require.resolve(`@pagefind/${platform}-${cpu}/bin/${name}${platform === 'windows' ? '.exe' : ''}`);
    } catch { /* the next name */ }
  }
  return undefined;
}
