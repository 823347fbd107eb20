import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sha256 } from '../src/lib/digest.ts';
import { cli, config, deno, post, ROOT, runCli, writeSite } from './support/site.ts';

/** Commits are dated and signed by fixed values, so that nothing here depends on the clock or the user's git. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.org',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.org',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

let day = 0;
function git(dir: string, ...args: string[]): string {
  const date = `2026-12-${String(++day % 28 + 1).padStart(2, '0')}T12:00:00Z`;
  const result = spawnSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

const POST_LAYOUT = readFileSync(join(ROOT, 'layouts/post.eta'), 'utf8');

/** Three posts in two categories, a stylesheet, and the theme's post layout copied in to be edited. */
function siteFiles(): Record<string, string> {
  return {
    '.gitignore': 'node_modules/\ndist/\n*.manifest.json\n',
    'site.config.ts': config({ title: 'Diffed', url: 'https://example.org/', postsPerPage: 2 }),
    'layouts/post.eta': POST_LAYOUT,
    'public/style.css': 'body { color: black }\n',
    'content/posts/2024-01-01-first.md': post(
      { title: 'First', date: '2024-01-01', categories: 'Notes' },
      'The first post.\n',
    ),
    'content/posts/2024-01-02-second.md': post(
      { title: 'Second', date: '2024-01-02', categories: 'Notes' },
      'The secnod post, with a typo.\n\nAnother paragraph.\n',
    ),
    'content/posts/2024-01-03-third.md': post(
      { title: 'Third', date: '2024-01-03', categories: 'Travel' },
      'The third post.\n',
    ),
  };
}

/** A git repository whose first commit is the site; `at` puts the site in a subfolder. */
function repository(at = ''): { repo: string; site: string } {
  const repo = writeSite({});
  git(repo, 'init', '-q', '-b', 'main');
  const site = join(repo, at);
  writeSite(siteFiles(), site);
  commitAll(repo, 'The site');
  return { repo, site };
}

function edit(site: string, path: string, change: (text: string) => string): void {
  const file = join(site, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

async function diffJson(site: string, ...args: string[]) {
  const result = await runCli(['diff', '--site', site, '--json', ...args]);
  assert.equal(result.code, 0, result.out + result.err);
  return JSON.parse(result.out) as {
    added: string[];
    removed: string[];
    changed: string[];
    groups: Record<string, { added: string[]; removed: string[]; changed: string[] }>;
    details: Record<string, { kind: string; hunks?: { removed: string[]; added: string[] }[] }>;
  };
}

const paths = (report: { added: string[]; removed: string[]; changed: string[] }) => ({
  added: report.added,
  removed: report.removed,
  changed: report.changed,
});

function tag(dir: string, name: string): void {
  git(dir, 'tag', name);
}

/**
 * The history the issue asks about: a site, then a commit that adds a post, one that fixes a typo,
 * one that changes a template, and one that renames a category. Each commit is tagged.
 */
function history(): string {
  const { site } = repository();
  tag(site, 'base');
  writeSite({
    'content/posts/2024-02-01-fourth.md': post({ title: 'Fourth', date: '2024-02-01', categories: 'Notes' }),
  }, site);
  commitAll(site, 'Add a post');
  tag(site, 'add-post');
  edit(site, 'content/posts/2024-01-02-second.md', (t) => t.replace('secnod', 'second'));
  commitAll(site, 'Fix a typo');
  tag(site, 'typo');
  edit(site, 'layouts/post.eta', (t) => `${t}<p class="share">Share this post</p>\n`);
  commitAll(site, 'Ask readers to share');
  tag(site, 'template');
  for (const name of ['2024-01-01-first.md', '2024-01-02-second.md', '2024-02-01-fourth.md']) {
    edit(site, `content/posts/${name}`, (t) => t.replace('categories: Notes', 'categories: Journal'));
  }
  commitAll(site, 'Notes is now Journal');
  tag(site, 'rename');
  return site;
}

describe('colophon diff between two revisions', () => {
  const site = history();

  it('adding a post: its page, its new list pages, the lists and feeds that show it, its neighbour', async () => {
    const report = await diffJson(site, 'base', 'add-post');
    assert.deepEqual(paths(report), {
      added: ['2024/02/01/fourth/index.html', 'archive/2024/02/index.html', 'category/notes/page/2/index.html'],
      removed: [],
      changed: [
        '2024/01/03/third/index.html', // its older neighbour now links to it
        'archive/index.html',
        'category/index.html', // the count of posts in Notes
        'category/notes/feed/atom.xml',
        'category/notes/index.html',
        'feed/atom.xml',
        'index.html',
        'page/2/index.html',
        'sitemap.xml',
      ],
    });
    assert.deepEqual(report.groups.posts, {
      added: ['2024/02/01/fourth/index.html'],
      removed: [],
      changed: ['2024/01/03/third/index.html'],
    });
    assert.deepEqual(report.details['feed/atom.xml'], {
      kind: 'feed',
      added: [{ id: 'https://example.org/2024/02/01/fourth/', title: 'Fourth' }],
      removed: [],
      changed: [],
      fields: ['updated'],
    });
  });

  it("fixing a typo: that post's page and the lists and feeds that show it, not its neighbours' pages", async () => {
    const report = await diffJson(site, 'add-post', 'typo');
    assert.deepEqual(paths(report), {
      added: [],
      removed: [],
      changed: [
        '2024/01/02/second/index.html',
        'archive/2024/01/index.html',
        'category/notes/feed/atom.xml',
        'category/notes/index.html',
        'feed/atom.xml',
        'page/2/index.html',
      ],
    });
    const hunk = { removed: ['The secnod post, with a typo.'], added: ['The second post, with a typo.'] };
    assert.deepEqual(report.details['2024/01/02/second/index.html'], { kind: 'text', hunks: [hunk] });
    assert.deepEqual(report.details['page/2/index.html'], { kind: 'text', hunks: [hunk] });
    const entry = { id: 'https://example.org/2024/01/02/second/', title: 'Second', fields: ['content'] };
    assert.deepEqual(report.details['feed/atom.xml'], {
      kind: 'feed',
      added: [],
      removed: [],
      changed: [entry],
      fields: [],
    });
  });

  it('changing a template: every page it renders and nothing else, the same text change shown once', async () => {
    const report = await diffJson(site, 'typo', 'template');
    const posts = [
      '2024/01/01/first/index.html',
      '2024/01/02/second/index.html',
      '2024/01/03/third/index.html',
      '2024/02/01/fourth/index.html',
    ];
    assert.deepEqual(paths(report), { added: [], removed: [], changed: posts });
    for (const path of posts) {
      assert.deepEqual(report.details[path], { kind: 'text', hunks: [{ removed: [], added: ['Share this post'] }] });
    }
    const printed = await runCli(['diff', '--site', site, 'typo', 'template']);
    assert.equal(
      printed.out,
      [
        'Compared typo (' + git(site, 'rev-parse', '--short=7', 'typo').trim() + ') with template (' +
        git(site, 'rev-parse', '--short=7', 'template').trim() + '): 0 added, 0 removed, 4 changed, 16 unchanged.',
        'Posts (4 changed):',
        '  changed  2024/01/01/first/index.html',
        '      + Share this post',
        '  changed  2024/01/02/second/index.html  (the same text change as 2024/01/01/first/index.html)',
        '  changed  2024/01/03/third/index.html  (the same text change as 2024/01/01/first/index.html)',
        '  changed  2024/02/01/fourth/index.html  (the same text change as 2024/01/01/first/index.html)',
      ].join('\n'),
    );
  });

  it("renaming a category: the old category's pages removed, the new one's added, every page that names it", async () => {
    const report = await diffJson(site, 'template', 'rename');
    assert.deepEqual(paths(report), {
      added: ['category/journal/feed/atom.xml', 'category/journal/index.html', 'category/journal/page/2/index.html'],
      removed: ['category/notes/feed/atom.xml', 'category/notes/index.html', 'category/notes/page/2/index.html'],
      changed: [
        '2024/01/01/first/index.html',
        '2024/01/02/second/index.html',
        '2024/02/01/fourth/index.html',
        'archive/2024/01/index.html',
        'archive/2024/01/page/2/index.html',
        'archive/2024/02/index.html',
        'archive/index.html',
        'category/index.html',
        'feed/atom.xml',
        'index.html',
        'page/2/index.html',
        'sitemap.xml',
      ],
    });
    assert.deepEqual(report.groups.lists!.removed, ['category/notes/index.html', 'category/notes/page/2/index.html']);
    assert.deepEqual(report.groups.feeds!.removed, ['category/notes/feed/atom.xml']);
    assert.deepEqual(report.details['2024/01/01/first/index.html'], {
      kind: 'text',
      hunks: [{
        removed: ['January 01, 2024 at 12:00 AM | categories: Notes'],
        added: ['January 01, 2024 at 12:00 AM | categories: Journal'],
      }],
    });
  });

  it('--stat prints the counts of each group only', async () => {
    const result = await runCli(['diff', '--site', site, 'base', 'add-post', '--stat']);
    assert.deepEqual(result.out.split('\n').slice(1), [
      '  posts  1 added, 1 changed',
      '  lists  2 added, 5 changed',
      '  feeds  2 changed',
      '  other  1 changed',
    ]);
    assert.match(
      result.out,
      /^Compared base \([0-9a-f]{7}\) with add-post \([0-9a-f]{7}\): 3 added, 0 removed, 9 changed, 8 unchanged\.\n/,
    );
  });

  it('prints the same report on Deno as on Node', async () => {
    const args = ['diff', '--site', site, 'typo', 'rename'];
    const node = await runCli(args);
    const onDeno = deno(args);
    assert.equal(onDeno.status, 0, onDeno.stderr);
    assert.equal(onDeno.stdout, `${node.out}\n`);
  });

  it('exits with 0 either way, and with 1 under --exit-code when anything differs', async () => {
    assert.equal((await runCli(['diff', '--site', site, 'base', 'add-post'])).code, 0);
    assert.equal((await runCli(['diff', '--site', site, 'base', 'add-post', '--exit-code'])).code, 1);
    const same = await runCli(['diff', '--site', site, 'rename', 'main', '--exit-code']);
    assert.equal(same.code, 0, same.err);
    assert.match(same.out, /: no differences \(20 files, identical\)\.$/);
  });
});

describe('colophon diff against the working tree', () => {
  it('compares HEAD with the working tree by default, and never touches the working tree', async () => {
    const { site } = repository();
    edit(site, 'content/posts/2024-01-03-third.md', (t) => t.replace('The third post.', 'The third post, edited.'));
    const status = git(site, 'status', '--porcelain');
    const report = await diffJson(site);
    assert.deepEqual(report.changed, [
      '2024/01/03/third/index.html',
      'archive/2024/01/index.html',
      'category/travel/feed/atom.xml',
      'category/travel/index.html',
      'feed/atom.xml',
      'index.html',
    ]);
    assert.equal(git(site, 'status', '--porcelain'), status);
    assert.match(readFileSync(join(site, 'content/posts/2024-01-03-third.md'), 'utf8'), /edited/);
    assert.equal(git(site, 'worktree', 'list').trim().split('\n').length, 1); // no worktree left behind
    // The revision is extracted into the cache folder, where its body cache is found again next time.
    const extracted = join(site, 'node_modules/.cache/colophon/diff/old');
    assert.ok(existsSync(join(extracted, 'content/posts/2024-01-03-third.md')));
    assert.ok(
      existsSync(join(site, 'node_modules/.cache/colophon/bodies-v1', `${sha256(extracted).slice(0, 24)}.pack`)),
    );
  });

  it('moves the extracted revision from commit to commit, and writes it afresh when it was edited', async () => {
    const { site } = repository();
    edit(site, 'content/posts/2024-01-03-third.md', (t) => t.replace('The third post.', 'Edited.'));
    commitAll(site, 'Edit the third post');
    const extracted = join(site, 'node_modules/.cache/colophon/diff/old/content/posts/2024-01-03-third.md');
    assert.deepEqual((await diffJson(site, 'HEAD~1')).changed.length, 6);
    assert.match(readFileSync(extracted, 'utf8'), /The third post\./);
    assert.deepEqual((await diffJson(site, 'HEAD')).changed, []);
    assert.match(readFileSync(extracted, 'utf8'), /Edited\./);
    writeFileSync(extracted, post({ title: 'Tampered', date: '2024-01-03' }));
    assert.deepEqual((await diffJson(site, 'HEAD')).changed, []);
    assert.match(readFileSync(extracted, 'utf8'), /Edited\./);
  });

  it('compares REV alone with the working tree', async () => {
    const { site } = repository();
    writeSite({ 'public/extra.txt': 'more\n' }, site);
    commitAll(site, 'Extra file');
    rmSync(join(site, 'public/style.css'));
    const report = await diffJson(site, 'HEAD~1');
    assert.deepEqual(paths(report), { added: ['extra.txt'], removed: ['style.css'], changed: [] });
    assert.deepEqual(report.groups.assets, { added: ['extra.txt'], removed: ['style.css'], changed: [] });
  });

  it('builds a site that lives in a subfolder of the repository', async () => {
    const { repo, site } = repository('sites/blog');
    writeSite({ 'README.md': 'A monorepo.\n' }, repo);
    edit(site, 'public/style.css', () => 'body { color: navy }\n');
    const report = await diffJson(site);
    assert.deepEqual(paths(report), { added: [], removed: [], changed: ['style.css'] });
    assert.deepEqual(report.details['style.css'], {
      kind: 'text',
      hunks: [{ removed: ['body { color: black }'], added: ['body { color: navy }'] }],
    });
  });
});

describe('colophon diff: errors name what is wrong', () => {
  it('a revision that does not exist', async () => {
    const { site } = repository();
    const result = await runCli(['diff', '--site', site, 'no-such-branch']);
    assert.equal(result.code, 1);
    assert.match(result.err, /^error\[E_DIFF_REVISION\]: the revision "no-such-branch" does not exist in /m);
    assert.doesNotMatch(result.err, /internal error/);
  });

  it('a revision that does not build, with its own errors', async () => {
    const { site } = repository();
    edit(site, 'content/posts/2024-01-01-first.md', (t) => t.replace('title: First', 'title: [First'));
    commitAll(site, 'Broken front matter');
    edit(site, 'content/posts/2024-01-01-first.md', (t) => t.replace('title: [First', 'title: First'));
    const result = await runCli(['diff', '--site', site]);
    assert.equal(result.code, 1);
    assert.match(result.err, /^error\[E_DIFF_BUILD\]: HEAD \([0-9a-f]{7}\) does not build \(1 error below\)$/m);
    assert.match(result.err, /^error\[E_FRONTMATTER\] content\/posts\/2024-01-01-first\.md:3:1: invalid YAML/m);
  });

  it('a template that fails on a page of the working tree', async () => {
    const { site } = repository();
    edit(site, 'layouts/post.eta', (t) => `${t}<%= it.nothing.here %>\n`);
    const result = await runCli(['diff', '--site', site]);
    assert.equal(result.code, 1);
    assert.match(result.err, /^error\[E_DIFF_BUILD\]: the working tree does not build \(3 errors below\)$/m);
    assert.match(result.err, /^error\[E_TEMPLATE\] layouts\/post\.eta/m);
  });

  it('a revision named outside a git repository; the command line exits with 1, not a stack trace', () => {
    const site = writeSite(siteFiles());
    const result = cli(['diff', '--site', site, 'HEAD']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^error\[E_DIFF_GIT\]: "HEAD" is not a folder, and .* is not inside a git repository/m);
    assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  });

  it('a site folder that does not exist', async () => {
    const result = await runCli(['diff', '--site', join(writeSite({}), 'nowhere')]);
    assert.equal(result.code, 1);
    assert.match(
      result.err,
      /^error\[E_DIFF_GIT\]: "HEAD" is not a folder, and .*nowhere is not inside a git repository/m,
    );
  });

  it('--manifest without a manifest is a usage error', async () => {
    const result = await runCli(['diff', '--manifest']);
    assert.equal(result.code, 1);
    assert.match(result.err, /--manifest needs one or two manifest files/);
  });
});

describe('colophon diff between folders and manifests', () => {
  it('a site folder against its own output folder: no differences', async () => {
    const site = writeSite(siteFiles());
    assert.equal(cli(['build', site]).status, 0);
    const result = await runCli(['diff', site, join(site, 'dist'), '--exit-code']);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /no differences \(17 files, identical\)/);
  });

  it('a site that publishes its manifest, against its output folder: no differences either', async () => {
    const files = siteFiles();
    files['site.config.ts'] = config({ title: 'Diffed', url: 'https://example.org/', publishManifest: true });
    const site = writeSite(files);
    assert.equal(cli(['build', site]).status, 0);
    assert.ok(existsSync(join(site, 'dist/colophon-manifest.json')));
    const result = await runCli(['diff', site, join(site, 'dist'), '--exit-code']);
    assert.equal(result.code, 0, result.out + result.err);
    edit(site, 'public/style.css', () => 'body { color: navy }\n');
    const report = await diffJson(site, join(site, 'dist'), site);
    assert.deepEqual(report.changed, ['colophon-manifest.json', 'style.css']);
  });

  it('two output folders, read as they are: feeds are told by their names, the rest is other', async () => {
    const site = writeSite(siteFiles());
    assert.equal(cli(['build', site]).status, 0);
    const older = join(site, 'old-dist');
    spawnSync('cp', ['-r', join(site, 'dist'), older]);
    edit(site, 'content/posts/2024-01-03-third.md', (t) => t.replace('title: Third', 'title: Third, retitled'));
    assert.equal(cli(['build', site]).status, 0);
    const report = await diffJson(site, older, join(site, 'dist'));
    assert.deepEqual(report.groups.feeds!.changed, ['category/travel/feed/atom.xml', 'feed/atom.xml']);
    assert.deepEqual(report.groups.posts!.changed, []);
    assert.ok(report.groups.other!.changed.includes('2024/01/03/third/index.html'));
  });

  it('--manifest A B: paths and hashes, no text', async () => {
    const site = writeSite(siteFiles());
    assert.equal(cli(['build', site]).status, 0);
    const older = join(site, 'old.manifest.json');
    writeFileSync(older, readFileSync(join(site, 'dist.manifest.json')));
    rmSync(join(site, 'public/style.css'));
    edit(site, 'content/posts/2024-01-03-third.md', (t) => t.replace('The third post.', 'The third post!'));
    assert.equal(cli(['build', site]).status, 0);
    const report = await diffJson(site, '--manifest', older, join(site, 'dist.manifest.json'));
    assert.deepEqual(report.removed, ['style.css']);
    assert.deepEqual(report.changed, [
      '2024/01/03/third/index.html',
      'archive/2024/01/index.html',
      'category/travel/feed/atom.xml',
      'category/travel/index.html',
      'feed/atom.xml',
      'index.html',
    ]);
    assert.deepEqual(report.details, {});
    const missing = await runCli(['diff', '--manifest', join(site, 'nowhere.json'), older]);
    assert.match(
      missing.err,
      /^error\[E_DIFF_MANIFEST\]: cannot read the manifest .*nowhere\.json: it does not exist/m,
    );
  });
});
