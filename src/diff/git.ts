import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ColophonError } from '../lib/errors.ts';

/** The git repository that holds a site folder: its top folder, and the site's folder inside it. */
export interface Repository {
  root: string;
  /** The site folder relative to root, POSIX, with a final "/"; "" when the site is the repository. */
  prefix: string;
  /** The repository's git folder (a worktree's own, in a linked worktree). */
  gitDir: string;
}

interface GitRun {
  status: number;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<GitRun> {
  return new Promise((done, fail) => {
    const child = spawn('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') return fail(error);
      fail(new ColophonError('E_DIFF_GIT', 'git is not installed, or not on PATH', { hint: GIT_HINT }));
    });
    child.on('close', (status) => {
      const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');
      done({ status: status ?? 1, stdout: text(out), stderr: text(err) });
    });
  });
}

const GIT_HINT =
  'install git, or compare two folders or two manifests (colophon diff A B, colophon diff --manifest A B)';

/** The repository around `siteDir`, to read `revision` from; E_DIFF_GIT when there is none (or no git). */
export async function findRepository(siteDir: string, revision: string): Promise<Repository> {
  const dir = resolve(siteDir);
  // A folder that does not exist would make spawn fail as if git were missing.
  const args = ['rev-parse', '--show-toplevel', '--show-prefix', '--absolute-git-dir'];
  const run = existsSync(dir) ? await git(dir, args) : undefined;
  if (run === undefined || run.status !== 0) {
    const message =
      `"${revision}" is not a folder, and ${siteDir} is not inside a git repository to read it as a revision`;
    throw new ColophonError('E_DIFF_GIT', message);
  }
  const [root, prefix, gitDir] = run.stdout.split('\n');
  return { root: root!, prefix: prefix!, gitDir: gitDir! };
}

/** The commit a revision names (a branch, tag, HEAD~2, a hash...); E_DIFF_REVISION when it names none. */
export async function resolveRevision(repo: Repository, revision: string): Promise<string> {
  // "--end-of-options" keeps a revision such as "--help" from being read as an option.
  const run = await git(repo.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  const commit = run.stdout.trim();
  if (run.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit)) {
    throw new ColophonError('E_DIFF_REVISION', `the revision "${revision}" does not exist in ${repo.root}`);
  }
  return commit;
}

/**
 * Makes `into` hold the files of `commit`, as a checkout would write them (line endings and filters
 * as configured), through an index file of its own beside the folder: the working tree, its index
 * and the repository's list of worktrees are never touched. The folder keeps the last commit
 * written into it, and moving it to another commit rewrites only the files that differ (git refuses,
 * and the folder is written afresh, if one of them is not as git left it; every other file is
 * checked against the index too). Then the working copy's node_modules is linked in, so that the
 * revision's site.config.ts finds the packages it imports.
 */
export async function extractRevision(repo: Repository, commit: string, into: string): Promise<void> {
  const marker = `${into}.commit`;
  const env = { ...process.env, GIT_DIR: repo.gitDir, GIT_INDEX_FILE: `${into}.index`, GIT_WORK_TREE: into };
  const held = existsSync(into) ? await readFile(marker, 'utf8').catch(() => '') : '';
  const moved = held !== '' &&
    (held === commit || await succeeds(repo, ['read-tree', '-m', '-u', held, commit], env)) &&
    await succeeds(repo, ['diff-files', '--quiet'], env);
  if (!moved) {
    await rm(marker, { force: true });
    await rm(into, { recursive: true, force: true });
    await rm(env.GIT_INDEX_FILE, { force: true });
    await mkdir(into, { recursive: true });
    const run = await git(repo.root, ['read-tree', '--reset', '-u', commit], env);
    if (run.status !== 0) {
      throw new ColophonError('E_DIFF_REVISION', `could not read the files of ${commit}: ${run.stderr.trim()}`);
    }
  }
  await writeFile(marker, commit);
  await linkModules(repo, into);
}

async function succeeds(repo: Repository, args: string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  return (await git(repo.root, args, env)).status === 0;
}

/** node_modules of the site folder and of the repository's top folder, where the working copy has them. */
async function linkModules(repo: Repository, into: string): Promise<void> {
  for (const folder of new Set([repo.prefix, ''])) {
    const theirs = join(repo.root, folder, 'node_modules');
    const ours = join(into, folder, 'node_modules');
    if (existsSync(theirs) && existsSync(join(into, folder)) && !existsSync(ours)) {
      await symlink(theirs, ours, 'junction');
    }
  }
}
