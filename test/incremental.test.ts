import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { generate } from '../src/build.ts';
import { BuildFailure } from '../src/lib/errors.ts';
import { createPipeline, type Generated } from '../src/pipeline.ts';
import { materialize } from '../src/render/produce.ts';
import { picture } from './support/image-site.ts';
import { prng } from './support/prng.ts';
import { config, post, writeSite } from './support/site.ts';

const CATEGORIES = ['Alpha', 'beta', 'Gamma', 'ALPHA', 'Delta'];
const LAYOUTS = [
  "<% layout('@base') %>\n<%~ include('@_entry', { post: it.post, link: false }) %>\n<p>variant one</p>\n",
  "<% layout('@base') %>\n<h1><%= it.post.title %></h1>\n<%~ it.post.html %>\n",
];

type Outcome = { ok: true; files: Map<string, string> } | { ok: false; errors: string[] };

async function outcome(run: () => Promise<Generated>): Promise<Outcome> {
  try {
    const { output, errors } = materialize((await run()).files);
    if (errors.length > 0) return { ok: false, errors: errors.map((e) => `${e.file}:${e.message}`) };
    return { ok: true, files: new Map([...output].map(([p, b]) => [p, Buffer.from(b).toString('utf8')])) };
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    return { ok: false, errors: error.errors.map((e) => `${e.file}:${e.message}`) };
  }
}

function describeDifference(a: Outcome, b: Outcome): string | undefined {
  if (!a.ok || !b.ok) {
    return JSON.stringify(a) === JSON.stringify(b)
      ? undefined
      : `incremental ${JSON.stringify(a.ok ? 'ok' : a.errors)} vs fresh ${JSON.stringify(b.ok ? 'ok' : b.errors)}`;
  }
  const paths = new Set([...a.files.keys(), ...b.files.keys()]);
  for (const p of [...paths].sort()) {
    if (a.files.get(p) !== b.files.get(p)) {
      return `${p}: ${a.files.has(p) ? 'differs' : 'missing'}${b.files.has(p) ? '' : ' (not in fresh build)'}`;
    }
  }
  return undefined;
}

describe('incremental refresh', () => {
  it('reports a source that cannot be read, as a full build does, instead of dropping it', async () => {
    const dir = writeSite({
      'site.config.ts': config({ timezone: 'UTC' }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01 10:00' }),
    });
    const pipeline = createPipeline(dir);
    await pipeline.refresh();
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'content/posts/broken.md'));
    const refreshed = await outcome(() => pipeline.refresh(['content/posts/broken.md']));
    const fresh = await outcome(() => generate(dir));
    assert.deepEqual(refreshed, fresh);
    assert.deepEqual(fresh, {
      ok: false,
      errors: ['content/posts/broken.md:the file cannot be read: it is a broken symbolic link'],
    });
  });

  it('keeps the last good pages whole when an edit that reuses the model then fails', async () => {
    const dir = writeSite({
      'site.config.ts': config({ timezone: 'UTC' }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01 10:00' }, 'First body.\n'),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-02 10:00' }, 'Second body.\n'),
    });
    const pipeline = createPipeline(dir);
    const good = await pipeline.refresh();
    writeFileSync(
      join(dir, 'content/posts/a.md'),
      post({ title: 'A', date: '2020-01-01 10:00', layout: 'nope' }, 'Edited body.\n'),
    );
    await assert.rejects(pipeline.refresh(['content/posts/a.md']), BuildFailure);
    // The dev server still serves `good`: pages it had not rendered yet must render, with the old body.
    const page = (path: string) => Buffer.from(good.files.get(path)!()).toString('utf8');
    assert.match(page('archive/2020/01/index.html'), /First body\./);
    assert.match(page('2020/01/01/a/index.html'), /First body\./);
  });

  it('keeps bodies and warnings right through saves of one post and of more posts than it sets aside', async () => {
    // The body store keeps up to 256 re-read bodies beside the last full set before making a new one.
    const files: Record<string, string> = { 'site.config.ts': config({ timezone: 'UTC' }) };
    const path = (i: number) => `content/posts/p${String(i).padStart(3, '0')}.md`;
    const text = (i: number, body: string) =>
      post({ title: `P${i}`, date: `2020-01-01 ${String(i % 24).padStart(2, '0')}:00` }, body);
    for (let i = 0; i < 300; i++) files[path(i)] = text(i, `Body ${i}.\n`);
    const dir = writeSite(files);
    const pipeline = createPipeline(dir);
    await pipeline.refresh();
    const compare = async (changed: string[], warnings: string[]) => {
      const refreshed = await pipeline.refresh(changed);
      assert.deepEqual(refreshed.warnings, warnings);
      assert.equal(
        describeDifference(await outcome(async () => refreshed), await outcome(() => generate(dir))),
        undefined,
      );
    };
    const unknown = `${path(7)}: no highlighting for the unknown language "nosuchlang"; shown as plain code`;
    writeFileSync(join(dir, path(7)), text(7, 'Body seven.\n\n```nosuchlang\nx\n```\n'));
    await compare([path(7)], [unknown]);
    const others = Array.from({ length: 300 }, (_, i) => i).filter((i) => i !== 7);
    for (const i of others) writeFileSync(join(dir, path(i)), text(i, `Edited ${i}.\n`));
    await compare(others.map(path), [unknown]);
    writeFileSync(join(dir, path(7)), text(7, 'Body seven, plain.\n'));
    await compare([path(7)], []);
  });

  it('renders a post with the layout a save gives it, and reports one that does not exist', async () => {
    const dir = writeSite({
      'site.config.ts': config({ timezone: 'UTC' }),
      'layouts/wide.eta': '<% layout(\'@base\') %>\n<main class="wide"><%~ it.post.html %></main>\n',
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01 10:00' }, 'First.\n'),
      'content/posts/b.md': post({ title: 'B', date: '2020-01-02 10:00' }, 'Second.\n'),
    });
    const pipeline = createPipeline(dir);
    await pipeline.refresh();
    const page = (generated: Generated) => Buffer.from(generated.files.get('2020/01/01/a/index.html')!()).toString();
    // Each save keeps the post's date, slug and terms, so the model is reused and only the layout moves.
    const save = (fields: Record<string, string>, body: string) => {
      writeFileSync(join(dir, 'content/posts/a.md'), post({ title: 'A', date: '2020-01-01 10:00', ...fields }, body));
      return pipeline.refresh(['content/posts/a.md']);
    };
    assert.match(page(await save({ layout: 'wide' }, 'Wide.\n')), /<main class="wide"><p>Wide\.<\/p>/);
    await assert.rejects(save({ layout: 'nope' }, 'Gone.\n'), (error: BuildFailure) => {
      assert.deepEqual(error.errors.map((e) => `${e.file}: ${e.message}`), [
        'content/posts/a.md: the layout "nope" does not exist',
      ]);
      return true;
    });
    const back = await save({}, 'Plain again.\n');
    assert.doesNotMatch(page(back), /class="wide"/);
    assert.equal(describeDifference(await outcome(async () => back), await outcome(() => generate(dir))), undefined);
  });

  it('marks posts scheduled by the clock of each refresh, as the clock moves either way', async () => {
    const dir = writeSite({
      'site.config.ts': config({ timezone: 'UTC' }),
      'content/posts/a.md': post({ title: 'A', date: '2020-01-01 10:00' }, 'First.\n'),
      'content/posts/b.md': post({ title: 'B', date: '2020-02-01 10:00' }, 'Second.\n'),
      'content/posts/c.md': post({ title: 'C', date: '2020-03-01 10:00' }, 'Third.\n'),
    });
    let now = Date.UTC(2020, 0, 15);
    const clock = () => now;
    const pipeline = createPipeline(dir, { clock });
    await pipeline.refresh();
    // Each refresh is a body edit, which keeps the model; only the clock says what is scheduled.
    for (const [step, at] of [Date.UTC(2020, 1, 15), Date.UTC(2021, 0, 1), Date.UTC(2019, 0, 1)].entries()) {
      now = at;
      writeFileSync(join(dir, 'content/posts/a.md'), post({ title: 'A', date: '2020-01-01 10:00' }, `Edit ${step}.\n`));
      const refreshed = await pipeline.refresh(['content/posts/a.md']);
      const fresh = await generate(dir, { clock });
      assert.deepEqual(
        refreshed.site.posts.map((p) => p.scheduled),
        fresh.site.posts.map((p) => p.scheduled),
        `step ${step}`,
      );
      assert.equal(
        describeDifference(await outcome(async () => refreshed), await outcome(async () => fresh)),
        undefined,
      );
    }
  });

  for (let seed = 1; seed <= 10; seed++) {
    it(`equals a fresh build after every edit of random sequence #${seed}`, async () => {
      const rnd = prng(seed * 7919);
      const dir = writeSite({
        'site.config.ts': config({ postsPerPage: 2, feedEntries: 3, timezone: 'Europe/Paris' }),
      });
      let serial = 0;
      const live: string[] = [];
      const write = (path: string, text: string) => {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      };
      const newPost = (path: string) => {
        const cats = [rnd.pick(CATEGORIES), rnd.pick(CATEGORIES)].join(', ');
        const date = `2020-0${1 + rnd.int(9)}-1${rnd.int(10)} 0${rnd.int(10)}:00`;
        write(
          path,
          post(
            { title: `Post ${serial++}`, date, categories: cats },
            `Body ${rnd.int(1000)}\n\n\`\`\`js\nlet x = ${rnd.int(5)};\n\`\`\`\n`,
          ),
        );
      };
      // A picture some posts show: the image pass keeps what it found in the bodies that did not change.
      mkdirSync(join(dir, 'public'), { recursive: true });
      writeFileSync(join(dir, 'public/photo.png'), await picture(48, 32, 'png'));
      for (let i = 0; i < 4; i++) {
        const path = `content/posts/p${serial}.md`;
        newPost(path);
        live.push(path);
      }
      const pipeline = createPipeline(dir);
      await outcome(() => pipeline.refresh());
      const log: string[] = [];
      for (let step = 0; step < 10; step++) {
        const changed: string[] = [];
        const kind = live.length === 0 ? 'add' : rnd.pick(
          [
            'add',
            'date',
            'categories',
            'body',
            'title',
            'draft',
            'delete',
            'rename',
            'layout',
            'public',
            'image',
            'photo',
            'break',
          ] as const,
        );
        const target = live.length ? rnd.pick(live) : '';
        const text = target ? readFileSync(join(dir, target), 'utf8') : '';
        if (kind === 'add') {
          const path = `content/posts/${rnd.pick(['', 'sub/'])}p${serial}.md`;
          newPost(path);
          live.push(path);
          changed.push(path);
        } else if (kind === 'date') {
          write(target, text.replace(/^date: .*$/m, `date: 2021-0${1 + rnd.int(9)}-0${1 + rnd.int(9)} 12:00`));
          changed.push(target);
        } else if (kind === 'categories') {
          write(target, text.replace(/^categories: .*$/m, `categories: ${rnd.pick(CATEGORIES)}`));
          changed.push(target);
        } else if (kind === 'body') {
          write(target, `${text}\nMore words ${rnd.int(100)}.\n`);
          changed.push(target);
        } else if (kind === 'title') {
          // The title is shown by the neighbours' links and the lists, yet does not move the post.
          write(target, text.replace(/^title: .*$/m, `title: Retitled ${serial++}`));
          changed.push(target);
        } else if (kind === 'draft') {
          write(
            target,
            /^draft: true$/m.test(text)
              ? text.replace(/^draft: true\n/m, '')
              : text.replace(/^title: /m, 'draft: true\ntitle: '),
          );
          changed.push(target);
        } else if (kind === 'delete') {
          rmSync(join(dir, target));
          live.splice(live.indexOf(target), 1);
          changed.push(target);
        } else if (kind === 'rename') {
          const to = `content/posts/renamed-${serial++}.md`;
          renameSync(join(dir, target), join(dir, to));
          live.splice(live.indexOf(target), 1, to);
          changed.push(target, to);
        } else if (kind === 'layout') {
          const path = 'layouts/post.eta';
          if (existsSync(join(dir, path)) && rnd.next() < 0.5) rmSync(join(dir, path));
          else write(path, rnd.pick(LAYOUTS));
          changed.push(path);
        } else if (kind === 'public') {
          write('public/style.css', `body { margin: ${rnd.int(9)}px }\n`);
          changed.push('public/style.css');
        } else if (kind === 'image') {
          const shown = '\n![a photo](/photo.png)\n';
          write(target, text.includes(shown) ? text.replace(shown, '') : `${text}${shown}`);
          changed.push(target);
        } else if (kind === 'photo') {
          writeFileSync(join(dir, 'public/photo.png'), await picture(32 + 16 * rnd.int(3), 32, 'png'));
          changed.push('public/photo.png');
        } else if (kind === 'break') {
          write(target, text.replace(/^title: .*$/m, 'title: [unclosed'));
          changed.push(target);
        }
        log.push(`${kind} ${changed.join(' ')}`);
        const incremental = await outcome(() => pipeline.refresh(changed));
        const fresh = await outcome(() => generate(dir));
        const difference = describeDifference(incremental, fresh);
        assert.equal(difference, undefined, `seed ${seed}, after:\n  ${log.join('\n  ')}\n${difference}`);
        if (kind === 'break') {
          write(target, text);
          await outcome(() => pipeline.refresh([target]));
        }
      }
    });
  }
});
