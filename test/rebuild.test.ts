import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { rebuild } from '../src/build.ts';
import { prng } from './support/prng.ts';
import { buildInMemory, config, listTree, post, writeSite } from './support/site.ts';

const CATEGORIES = ['Alpha', 'beta', 'Gamma', 'ALPHA'];
const TAGS = ['x', 'y', 'Z'];
const LAYOUTS = [
  "<% layout('@base') %>\n<h1><%= it.post.title %></h1>\n<%~ it.post.body %>\n<p><%= it.newer?.title %></p>\n",
  "<% layout('@base') %>\n<%~ include('@_entry', { post: it.post, link: false }) %>\n<p>variant</p>\n",
];
const EDITS = [
  'body',
  'title',
  'date',
  'categories',
  'tags',
  'draft',
  'add',
  'delete',
  'rename',
  'layout',
  'config',
  'public',
  'output edited',
  'output deleted',
  'nothing',
] as const;

/** The site's own files, without its output, manifest or caches: what a clean build starts from. */
function cleanCopy(dir: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'colophon-clean-'));
  for (const part of ['site.config.ts', 'content', 'layouts', 'public']) {
    if (existsSync(join(dir, part))) cpSync(join(dir, part), join(copy, part), { recursive: true });
  }
  return copy;
}

describe('a rebuild in place', () => {
  for (let seed = 1; seed <= 3; seed++) {
    it(`writes the bytes of a clean full build after every edit of random sequence #${seed}`, async () => {
      const rnd = prng(seed * 104729);
      const settings = { postsPerPage: 2, feedEntries: 3, timezone: 'UTC', title: 'Site', highlight: false };
      const dir = writeSite({ 'site.config.ts': config(settings) });
      // The clean builds share a cache of their own (the compiled configuration), never the rebuilt site's.
      const cacheDir = mkdtempSync(join(tmpdir(), 'colophon-clean-cache-'));
      let serial = 0;
      const live: string[] = [];
      const write = (path: string, text: string) => writeSite({ [path]: text }, dir);
      const newPost = (path: string) => {
        const fields = {
          title: `Post ${serial++}`,
          date: `2020-0${1 + rnd.int(9)}-1${rnd.int(10)} 0${rnd.int(10)}:00`,
          categories: rnd.pick(CATEGORIES),
          tags: rnd.pick(TAGS),
        };
        write(path, post(fields, `Body ${rnd.int(1000)}\n\n<!-- more -->\n\nRest.\n`));
        live.push(path);
      };
      for (let i = 0; i < 5; i++) newPost(`content/posts/p${serial}.md`);
      await rebuild(dir);
      const log: string[] = [];
      for (let step = 0; step < 12; step++) {
        const kind = rnd.pick(EDITS);
        const target = rnd.pick(live);
        const text = readFileSync(join(dir, target), 'utf8');
        const field = (name: string, value: string) =>
          write(target, text.replace(new RegExp(`^${name}: .*$`, 'm'), `${name}: ${value}`));
        const outputs = listTree(join(dir, 'dist'));
        const output = join(dir, 'dist', rnd.pick(outputs));
        if (kind === 'body') write(target, `${text}\nMore words ${rnd.int(100)}.\n`);
        else if (kind === 'title') field('title', `Retitled ${serial++}`);
        else if (kind === 'date') field('date', `2021-0${1 + rnd.int(9)}-0${1 + rnd.int(9)} 12:00`);
        else if (kind === 'categories') field('categories', rnd.pick(CATEGORIES));
        else if (kind === 'tags') field('tags', rnd.pick(TAGS));
        else if (kind === 'draft') {
          write(
            target,
            /^draft: true$/m.test(text)
              ? text.replace(/^draft: true\n/m, '')
              : text.replace(/^title: /m, 'draft: true\ntitle: '),
          );
        } else if (kind === 'add') newPost(`content/posts/${rnd.pick(['', 'sub/'])}p${serial}.md`);
        else if (kind === 'delete' && live.length > 1) {
          rmSync(join(dir, target));
          live.splice(live.indexOf(target), 1);
        } else if (kind === 'rename') {
          const to = `content/posts/renamed-${serial++}.md`;
          renameSync(join(dir, target), join(dir, to));
          live.splice(live.indexOf(target), 1, to);
        } else if (kind === 'layout') {
          // A post's own layout, or a template that other pages reach too (_entry.eta: posts and lists).
          const name = rnd.pick(['post', '_entry', 'list', 'base']);
          const path = `layouts/${name}.eta`;
          const builtin = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
          if (existsSync(join(dir, path)) && rnd.next() < 0.4) rmSync(join(dir, path));
          else if (name === 'post') write(path, rnd.pick(LAYOUTS));
          else write(path, `${builtin}<!-- ${name} ${serial++} -->\n`);
        } else if (kind === 'config') {
          write('site.config.ts', config({ ...settings, postsPerPage: 1 + rnd.int(3), title: `Site ${rnd.int(9)}` }));
        } else if (kind === 'public') write(`public/${rnd.pick(['a.css', 'b/c.txt'])}`, `v${rnd.int(9)}\n`);
        else if (kind === 'output edited') writeFileSync(output, `${readFileSync(output, 'utf8')} `);
        else if (kind === 'output deleted') rmSync(output);
        log.push(`${kind} ${target}`);

        const summary = await rebuild(dir);
        const clean = await buildInMemory(cleanCopy(dir), { cacheDir }); // no output, no manifest
        const written = new Map(listTree(join(dir, 'dist')).map((f) => [f, readFileSync(join(dir, 'dist', f))]));
        assert.deepEqual([...written.keys()].sort(), [...clean.paths].sort(), `files after:\n${log.join('\n')}`);
        for (const [path, bytes] of written) {
          assert.ok(Buffer.from(clean.output.get(path)!).equals(bytes), `${path} differs after:\n${log.join('\n')}`);
        }
        assert.equal(summary.digest, clean.digest);
        if (kind === 'nothing') {
          assert.equal(summary.upToDate, true, `a build after no edit did nothing:\n${log.join('\n')}`);
        }
        if (kind === 'body' || kind === 'title') {
          assert.ok(summary.made < clean.paths.length, 'an edit of one post made some files only');
        }
      }
    });
  }

  it('builds in full with --full and --no-cache, and rewrites nothing that is unchanged', async () => {
    const dir = writeSite({
      'site.config.ts': config({ postsPerPage: 2 }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01' }),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-02' }),
    });
    const first = await rebuild(dir);
    assert.equal((await rebuild(dir)).upToDate, true);
    for (const options of [{ full: true }, { cache: false }]) {
      const again = await rebuild(dir, options);
      assert.equal(again.upToDate, false);
      assert.equal(again.made, first.files);
      assert.equal(again.report.written, 0);
      assert.equal(again.digest, first.digest);
    }
  });

  it('after a template edit, makes again only the pages that reach that template', async () => {
    const posts = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [`content/posts/p${n}.md`, post({ title: `P${n}`, date: `2020-01-0${n}` })]),
    );
    const dir = writeSite({ 'site.config.ts': config({ postsPerPage: 4 }), ...posts });
    await rebuild(dir);
    const edit = async (path: string) => {
      const builtin = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
      writeSite({ [path]: `${builtin}<!-- edited -->\n` }, dir);
      const summary = await rebuild(dir);
      rmSync(join(dir, path));
      await rebuild(dir);
      return summary;
    };
    writeSite({ 'public/a.txt': 'a\n' }, dir);
    const none = (await rebuild(dir)).made; // what every rebuild makes: the files without a dependency key
    const pages = (await edit('layouts/post.eta')).made - none;
    const lists = (await edit('layouts/list.eta')).made - none;
    const entries = (await edit('layouts/_entry.eta')).made - none;
    assert.equal(pages, 8, 'post.eta reaches the eight post pages only');
    assert.ok(lists > 0, 'list.eta reaches the lists');
    assert.equal(entries, pages + lists, '_entry.eta reaches both');
    const all = await edit('layouts/base.eta');
    assert.ok(all.made - none > entries, 'base.eta reaches every page');
  });
});
