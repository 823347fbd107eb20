import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { build, generate } from '../../src/build.ts';
import { siteDigest } from '../../src/lib/digest.ts';
import { BuildFailure, ColophonError } from '../../src/lib/errors.ts';
import { materialize } from '../../src/render/produce.ts';
import { writeSite } from './site.ts';

/** Text that people (and attackers) put in front matter and posts. */
const nastyText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '&amp; & "quotes"',
    "it's",
    '東京',
    'עברית',
    '🎉',
    '..',
    '.',
    '/',
    '',
    ' ',
    'C++',
    'Node.js',
    'node-js',
    '%2e%2e',
    'a/b',
    '\\',
    '---',
    ': colon',
    '#hash',
    '[x]',
    '{y}',
  ),
);

/** Mostly good values with some bad ones, so that many generated sites get as far as rendering. */
const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: good, weight: 9 }, { arbitrary: bad, weight: 1 });

const dateValue = mostly(
  fc.oneof(
    fc.constantFrom(
      '2014-10-13 16:50',
      '2014-10-13',
      '2014/10/13 16:50:00',
      '2014-10-13T16:50:00+02:00',
      '2021-03-28 02:30',
      '1900-01-01',
      '2300-12-31 23:59',
    ),
    fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2040, 0, 1)), noInvalidDate: true }).map((
      d,
    ) => d.toISOString()),
  ),
  fc.oneof(
    fc.constantFrom('2014-02-30', '2014-13-01', 'yesterday', '2014-10-13 25:00'),
    fc.integer({ min: -5, max: 3000 }).map(String),
  ),
);

const yamlValue = (text: fc.Arbitrary<string>) =>
  mostly(
    text.map((t) => JSON.stringify(t)),
    fc.oneof(
      fc.integer().map(String),
      fc.array(text, { maxLength: 3 }).map((xs) => JSON.stringify(xs)),
      fc.constant('{ a: 1 }'),
      fc.constant('null'),
    ),
  );

const frontMatter = fc.record(
  {
    title: yamlValue(nastyText),
    date: dateValue.map((d) => JSON.stringify(d)),
    categories: fc.oneof(
      fc.array(nastyText, { maxLength: 4 }).map((xs) => JSON.stringify(xs)),
      nastyText.map((t) => JSON.stringify(t)),
    ),
    slug: mostly(fc.stringMatching(/^[a-z0-9-]{1,12}$/), nastyText).map((t) => JSON.stringify(t)),
    permalink: mostly(
      fc.constantFrom('/:year/:slug/', '/etc/passwd', '/notes/:slug.html'),
      fc.oneof(nastyText, fc.constantFrom('/../../x/', 'https://evil.example/', '//x')),
    ).map((t) => JSON.stringify(t)),
    draft: mostly(fc.constantFrom('true', 'false'), fc.constant('"yes"')),
    layout: mostly(fc.constant('"post"'), fc.constant('"missing"')),
  },
  { requiredKeys: ['title', 'date'] },
);

const markdown = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        '# Heading',
        '- item\n- item',
        '> quote',
        '`code`',
        '[link](../x)',
        '![img](/a.gif)',
        '<b>raw</b>',
        '<script>x()</script>',
        '<!-- more -->',
        '```js\nlet x = 1 < 2;\n```',
        '```klingon\nqapla\n```',
        '```diff\n-a\n+b\n```',
        '| a | b |\n|---|---|\n| 1 | 2 |',
        '\r\n',
        '\uFEFF',
        '---',
      ),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join('\n\n'));

const postFile = fc.record({
  name: fc.oneof(
    fc.constantFrom('2014-10-13-a', 'b', '2020-02-29-leap', 'C', 'c'),
    nastyText.map((t) => t.replace(/[/\\\0]/g, '_') || 'x'),
  ),
  fields: frontMatter,
  rawFrontMatter: fc.oneof({ arbitrary: fc.constant(null), weight: 11 }, {
    arbitrary: fc.string({ maxLength: 30 }),
    weight: 1,
  }),
  body: markdown,
});

const siteConfig = fc.record(
  {
    title: nastyText,
    timezone: mostly(
      fc.constantFrom('UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Chatham'),
      fc.constant('Mars/Base'),
    ),
    postsPerPage: mostly(fc.integer({ min: 1, max: 4 }), fc.integer({ min: -1, max: 0 })),
    url: mostly(fc.constantFrom('https://example.org/', 'https://example.org/blog/'), fc.constant('not a url')),
    permalink: mostly(
      fc.constantFrom('/:year/:month/:day/:slug/', '/:slug.html', '/:category/:slug/'),
      fc.constant('/:bogus/'),
    ),
  },
  { requiredKeys: [] },
);

export const siteArbitrary = fc.record({ config: siteConfig, posts: fc.array(postFile, { maxLength: 6 }) });
export type FuzzSite = typeof siteArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toFiles(site: FuzzSite): Record<string, string> {
  const files: Record<string, string> = {
    'site.config.ts': `export default ${JSON.stringify(site.config)};\n`,
  };
  site.posts.forEach((p, i) => {
    const lines = Object.entries(p.fields).map(([k, v]) => `${k}: ${v}`);
    const head = p.rawFrontMatter ?? lines.join('\n');
    files[`content/posts/${i}/${p.name}.md`] = `---\n${head}\n---\n${p.body}\n`;
  });
  return files;
}

/** Every file under dir except the build's own products (output, manifest, cache). */
function sourcesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const rel = relative(dir, full);
      if (/^(site\/)?(dist|\.dist\.colophon-\w+|node_modules)(\/|$)|dist\.manifest\.json$/.test(rel)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.set(rel, readFileSync(full, 'latin1'));
    }
  };
  walk(dir);
  return out;
}

/**
 * The property: a build succeeds or fails with our error type (never another exception), writes
 * nothing outside its output folder, and a success is deterministic.
 */
export async function checkSite(site: FuzzSite): Promise<void> {
  const sandbox = mkdtempSync(join(tmpdir(), 'colophon-fuzz-'));
  const dir = writeSite(toFiles(site), join(sandbox, 'site'));
  const before = sourcesUnder(sandbox);
  let digest: string | undefined;
  try {
    digest = (await build(dir)).digest;
  } catch (error) {
    if (!(error instanceof BuildFailure)) throw error;
    for (const e of error.errors) {
      if (!(e instanceof ColophonError)) throw new Error(`not a ColophonError: ${String(e)}`);
    }
  }
  const after = sourcesUnder(sandbox);
  if (JSON.stringify([...before]) !== JSON.stringify([...after])) {
    throw new Error(
      `files outside the output changed: ${[...after.keys()].filter((k) => before.get(k) !== after.get(k)).join(', ')}`,
    );
  }
  if (digest) {
    const { output, errors } = materialize((await generate(dir)).files);
    if (errors.length) throw new Error('a second generation failed where the build succeeded');
    const again = siteDigest(output);
    if (again !== digest) throw new Error(`not deterministic: ${digest} then ${again}`);
  }
}

export { fc };
