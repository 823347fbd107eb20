import { spawnSync } from 'node:child_process';
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
export async function indexPages(pages: Iterable<IndexedPage>, language: string): Promise<BundleFile[]> {
  checkBinary();
  try {
    const created = await answered(pagefind.createIndex({ forceLanguage: language, excludeSelectors: NOT_TEXT }));
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
    throw new PagefindFailure(`failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Pagefind's promise, or a failure if its process ends without answering: nothing else would
 * settle the promise, and the process would end with the build half done. (In a long-running
 * process, such as the dev server, the event loop never empties, and the failure shows when the
 * next message finds the process gone.)
 */
function answered<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const stalled = () => reject(new PagefindFailure('stopped without answering'));
    process.once('beforeExit', stalled);
    promise.then(resolve, reject).finally(() => process.off('beforeExit', stalled));
  });
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
