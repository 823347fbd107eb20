// Seeded corpus generator for the benchmark.
//
//   node bench/corpus.mjs OUTDIR N [--seed S]
//
// Writes OUTDIR/site.config.ts and N posts under OUTDIR/content/posts/YYYY/YYYY-MM-DD-slug.md.
// The same (N, seed) always gives byte-identical files: nothing here reads the clock or
// Math.random, so two machines benchmark exactly the same site.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * The corpus's configuration, as data: bench/run.mjs --baseline-config merges settings over it. Only
 * JSON values (plain objects, arrays, strings, numbers, booleans, null), so it can be written as code.
 */
export const CORPUS_CONFIG = Object.freeze({ title: 'Bench', postsPerPage: 10 });

/** site.config.ts for a configuration object of JSON values. */
export function siteConfigSource(config) {
  return `import { defineConfig } from 'colophon';\n\nexport default defineConfig(${literal(config)});\n`;
}

/** A JSON value as a JavaScript literal in the style of this repository: { key: 'text', n: 10 }. */
function literal(value) {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const key = (k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));
    const entries = Object.entries(value).map(([k, v]) => `${key(k)}: ${literal(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return typeof value === 'string' ? quote(value) : JSON.stringify(value);
}

/** A string in single quotes, escaped as JSON escapes it (plus the single quote). */
const quote = (text) => `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;

export const SITE_CONFIG = siteConfigSource(CORPUS_CONFIG);

const CODE_LANGS = ['js', 'python', 'bash', 'rust', 'diff'];
const FIRST_DAY = Date.UTC(2010, 0, 1);
const SPAN_MINUTES = 15 * 365 * 24 * 60; // 15 years, in whole minutes so dates print cleanly
const MIN_WORDS = 300;
const MAX_TARGET = 1380; // leaves room for the last block, so no post passes 1,500 words

const CATEGORIES = [
  'Architecture',
  'Build Tools',
  'Caching',
  'Command Line',
  'Compilers',
  'Databases',
  'Deployment',
  'Design',
  'Documentation',
  'Editors',
  'Fonts',
  'Hardware',
  'Networking',
  'Open Source',
  'Performance',
  'Python',
  'Release Notes',
  'Rust',
  'Security',
  'Shell',
  'Testing',
  'Travel',
  'Typography',
  'Web',
  'Writing',
];

const WORDS = `
  the a an of to and in on for with from by as at into over after before between without
  build site page post file folder cache index feed theme layout template header footer
  markdown front matter date title category archive link image table list quote block
  server browser request response network latency memory disk process thread worker queue
  parser compiler engine module package version release change patch commit branch merge
  test check error warning message option setting default value number string field record
  fast slow small large simple careful quiet clear stable plain exact short long early late
  write read copy move keep drop render parse load save send find sort merge split join
  every each some many few most other same new old first last next previous whole single
  we you they it this that these those which when where while because although since
  usually often rarely never always still again also only even just already perhaps
  morning evening week month year winter summer weekend holiday journey city river mountain
`.trim().split(/\s+/);

const NOUNS = `
  cache entry item record page post file path config option feed index theme queue worker
  token parser node tree buffer chunk stream reader writer result report summary target
`.trim().split(/\s+/);

const VERBS = `
  load read write parse render build collect resolve format merge split check update find
  sort count send fetch store apply`.trim().split(/\s+/);

/** xorshift32, seeded through a small integer hash so that nearby seeds diverge at once. */
export function createRng(seed) {
  let state = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 0x6d2b79f5;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  for (let i = 0; i < 8; i++) next(); // the first outputs of xorshift still echo the seed
  const int = (n) => next() % n; // modulo bias is irrelevant at these sizes
  return {
    int,
    between: (lo, hi) => lo + int(hi - lo + 1),
    chance: (p) => next() / 0x100000000 < p,
    pick: (list) => list[int(list.length)],
  };
}

/** Names, numbers and strings for code lines, drawn from the small word lists. */
const plural = (w) => (w.endsWith('y') ? `${w.slice(0, -1)}ies` : `${w}s`);

function codeParts(rng) {
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  return {
    noun: () => rng.pick(NOUNS),
    nouns: () => plural(rng.pick(NOUNS)),
    camel: () => rng.pick(VERBS) + cap(rng.pick(NOUNS)) + (rng.chance(0.4) ? cap(rng.pick(NOUNS)) : ''),
    snake: () => `${rng.pick(VERBS)}_${rng.pick(NOUNS)}${rng.chance(0.4) ? `_${rng.pick(NOUNS)}` : ''}`,
    type: () => cap(rng.pick(NOUNS)) + rng.pick(['', 'Entry', 'Error', 'Options', 'Set']),
    num: () => String(rng.between(0, 512)),
    str: () => `'${rng.pick(NOUNS)}-${rng.pick(NOUNS)}'`,
    path: () => `${rng.pick(NOUNS)}/${rng.pick(NOUNS)}`,
    hex: (n) => Array.from({ length: n }, () => '0123456789abcdef'[rng.int(16)]).join(''),
    comment: () => Array.from({ length: rng.between(3, 8) }, () => rng.pick(WORDS)).join(' '),
  };
}

// Each language: the lines before the body, statement shapes for the body (each returns lines,
// relative to the body's indentation), and the closing lines. Bodies are drawn until the block
// is about twenty lines long, so every block is different and shiki has real work to do.
const LANGUAGES = {
  js: {
    indent: '  ',
    head: (
      c,
    ) => [
      `import { ${c.camel()} } from './${c.noun()}.js';`,
      '',
      `export async function ${c.camel()}(${c.noun()}, options = {}) {`,
    ],
    body: [
      (c) => [`const ${c.nouns()} = await ${c.camel()}(${c.noun()}, ${c.num()});`],
      (c) => [`let ${c.camel()} = ${c.str()};`],
      (c) => [`if (${c.noun()}.length > ${c.num()}) {`, `  return ${c.noun()}.slice(0, ${c.num()});`, '}'],
      (c) => [`for (const ${c.noun()} of ${c.nouns()}) {`, `  ${c.nouns()}.push(${c.noun()}.${c.camel()}());`, '}'],
      (c) => [`// ${c.comment()}`],
      (c) => [`options.${c.camel()} ??= ${c.num()};`],
      (c) => [`const ${c.camel()} = new Map(${c.nouns()}.map((x) => [x.${c.noun()}, x]));`],
    ],
    tail: (c) => [`  return { ${c.noun()}, count: ${c.num()} };`, '}'],
  },
  python: {
    indent: '    ',
    head: (
      c,
    ) => [
      'import os',
      'from pathlib import Path',
      '',
      '',
      `def ${c.snake()}(${c.noun()}, limit=${c.num()}):`,
      `    """${c.comment()}."""`,
    ],
    body: [
      (c) => [`${c.nouns()} = []`],
      (
        c,
      ) => [
        `for ${c.noun()} in Path(${c.noun()}).read_text().splitlines():`,
        `    if ${c.noun()}.startswith("#"):`,
        '        continue',
        `    ${c.nouns()}.append(${c.noun()}.strip())`,
      ],
      (c) => [`# ${c.comment()}`],
      (c) => [`${c.snake()} = {k: v for k, v in ${c.noun()}.items() if v > ${c.num()}}`],
      (c) => [`if len(${c.nouns()}) > limit:`, `    raise ValueError(f"too many ${c.nouns()}: {len(${c.nouns()})}")`],
      (c) => [`${c.noun()} = os.path.join(${c.str()}, ${c.noun()})`],
    ],
    tail: (c) => [`    return ${c.nouns()}`],
  },
  bash: {
    indent: '',
    head: () => ['#!/usr/bin/env bash', 'set -euo pipefail', '', 'SITE_DIR="${1:-.}"'],
    body: [
      (c) => [`${c.noun().toUpperCase()}_DIR="\${1:-${c.path()}}"`],
      (
        c,
      ) => [
        `for file in "$SITE_DIR"/${c.noun()}/*.md; do`,
        `  echo "checking $file"`,
        `  grep -c '${c.noun()}' "$file" || true`,
        'done',
      ],
      (c) => [`if [ -d "$SITE_DIR/${c.noun()}" ]; then`, `  rm -rf "$SITE_DIR/${c.noun()}"`, 'fi'],
      (c) => [`# ${c.comment()}`],
      (c) => [`npm run ${c.noun()} -- --${c.noun()} ${c.num()}`],
      (c) => [`find . -name '*.${c.noun()}' -mtime +${c.num()} | xargs -r rm`],
    ],
    tail: () => ['', 'echo "done"'],
  },
  rust: {
    indent: '    ',
    head: (
      c,
    ) => [
      'use std::collections::HashMap;',
      '',
      `pub fn ${c.snake()}(${c.noun()}: &str, limit: usize) -> Result<Vec<String>, ${c.type()}> {`,
    ],
    body: [
      (c) => [`let mut ${c.nouns()} = Vec::with_capacity(${c.num()});`],
      (
        c,
      ) => [
        `for line in ${c.noun()}.lines() {`,
        `    if line.starts_with('#') {`,
        '        continue;',
        '    }',
        `    ${c.nouns()}.push(line.trim().to_string());`,
        '}',
      ],
      (c) => [`// ${c.comment()}`],
      (c) => [`let ${c.snake()}: HashMap<&str, usize> = HashMap::new();`],
      (c) => [`if ${c.nouns()}.len() > limit {`, `    return Err(${c.type()}::TooMany(${c.num()}));`, '}'],
    ],
    tail: (c) => [`    Ok(${c.nouns()})`, '}'],
  },
  diff: {
    indent: '',
    head: (c) => {
      const file = `src/${c.noun()}.ts`;
      const at = Number(c.num()) + 1;
      return [
        `diff --git a/${file} b/${file}`,
        `index ${c.hex(7)}..${c.hex(7)} 100644`,
        `--- a/${file}`,
        `+++ b/${file}`,
        `@@ -${at},7 +${at},8 @@ export function ${c.camel()}() {`,
      ];
    },
    body: [
      (c) => [`   const ${c.noun()} = ${c.camel()}(${c.num()});`],
      (c) => [`-  return ${c.noun()}.${c.camel()}();`, `+  return ${c.noun()}.${c.camel()}(${c.str()});`],
      (c) => [`+  // ${c.comment()}`],
      (c) => [`-  if (${c.noun()} > ${c.num()}) throw new Error(${c.str()});`],
      (c) => [`   for (const ${c.noun()} of ${c.nouns()}) ${c.camel()}(${c.noun()});`],
    ],
    tail: () => ['   }'],
  },
};

/** About twenty lines of plausible code in one language. */
export function codeBlock(rng, lang) {
  const spec = LANGUAGES[lang];
  const c = codeParts(rng);
  const target = rng.between(18, 22);
  const lines = spec.head(c);
  const tail = spec.tail(c);
  while (lines.length + tail.length < target) {
    for (const line of rng.pick(spec.body)(c)) lines.push(spec.indent + line);
  }
  return [...lines, ...tail].join('\n');
}

// ---- prose ----

function words(rng, lo, hi) {
  return Array.from({ length: rng.between(lo, hi) }, () => rng.pick(WORDS));
}

function titleCase(list) {
  return list.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** One sentence, sometimes carrying inline code, a link or emphasis. */
function sentence(rng) {
  const list = words(rng, 6, 16);
  const at = rng.int(list.length);
  if (rng.chance(0.15)) list[at] = `\`${codeParts(rng).camel()}()\``;
  else if (rng.chance(0.15)) {
    list[at] = `[${list[at]} ${rng.pick(WORDS)}](https://example.org/${rng.pick(NOUNS)}/${rng.pick(NOUNS)})`;
  } else if (rng.chance(0.1)) list[at] = `*${list[at]}*`;
  if (list.length > 9 && rng.chance(0.3)) list[4] += ',';
  const text = list.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

function sentences(rng, lo, hi) {
  return Array.from({ length: rng.between(lo, hi) }, () => sentence(rng)).join(' ');
}

// Blocks return Markdown text; words are counted on the text so the 300-1,500 range holds.
const BLOCKS = [
  (rng) => sentences(rng, 2, 5),
  (rng) => sentences(rng, 2, 5),
  (rng) => sentences(rng, 3, 6),
  (rng) => Array.from({ length: rng.between(3, 6) }, () => `- ${sentence(rng)}`).join('\n'),
  (rng) => `> ${sentences(rng, 1, 3)}`,
];

const countWords = (text) => text.split(/\s+/).filter(Boolean).length;

/** The Markdown body: paragraphs under ## headings, with lists, quotes and maybe one code block. */
function body(rng, fenceLang) {
  const target = rng.between(MIN_WORDS, MAX_TARGET);
  const blocks = [sentences(rng, 2, 4)];
  let total = countWords(blocks[0]);
  let fencePending = fenceLang !== undefined;
  while (total < target) {
    if (rng.chance(0.25)) {
      const heading = `## ${titleCase(words(rng, 2, 5))}`;
      blocks.push(heading);
      total += countWords(heading) - 1;
    }
    const block = rng.pick(BLOCKS)(rng);
    blocks.push(block);
    total += countWords(block);
    if (fencePending && total > target / 3) {
      blocks.push(`\`\`\`${fenceLang}\n${codeBlock(rng, fenceLang)}\n\`\`\``);
      fencePending = false;
    }
  }
  if (fencePending) blocks.push(`\`\`\`${fenceLang}\n${codeBlock(rng, fenceLang)}\n\`\`\``);
  return `${blocks.join('\n\n')}\n`;
}

// ---- posts ----

/** A unique minute for post i: the 15 years are cut into N slots and each post gets one. */
function postDate(rng, i, n) {
  const from = Math.floor((i * SPAN_MINUTES) / n);
  const to = Math.floor(((i + 1) * SPAN_MINUTES) / n);
  const minute = from + rng.int(to - from);
  return new Date(FIRST_DAY + minute * 60_000).toISOString().replace('.000Z', 'Z');
}

function uniqueSlug(title, used) {
  const base = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  let slug = base;
  for (let k = 2; used.has(slug); k++) slug = `${base}-${k}`;
  used.add(slug);
  return slug;
}

function pickCategories(rng) {
  const chosen = new Set();
  const want = rng.between(1, 3);
  while (chosen.size < want) chosen.add(rng.pick(CATEGORIES));
  return [...chosen];
}

function postText(title, date, categories, markdown) {
  const list = categories.map((c) => `  - ${c}`).join('\n');
  return `---\ntitle: "${title}"\ndate: ${date}\ncategories:\n${list}\n---\n\n${markdown}`;
}

/**
 * Writes a site of n posts into outDir, which must be missing or empty (so that a stray
 * argument can never overwrite a real site). Returns what was written.
 */
export function generateCorpus(outDir, n, { seed = 1 } = {}) {
  if (!Number.isInteger(n) || n < 0 || n > SPAN_MINUTES) {
    throw new RangeError(`N must be an integer from 0 to ${SPAN_MINUTES}`);
  }
  if (existsSync(outDir) && readdirSync(outDir).length > 0) throw new Error(`${outDir} is not empty`);
  const rng = createRng(seed);
  const used = new Set();
  const posts = [];
  mkdirSync(join(outDir, 'content', 'posts'), { recursive: true });
  writeFileSync(join(outDir, 'site.config.ts'), SITE_CONFIG);
  let fences = 0;
  for (let i = 0; i < n; i++) {
    const date = postDate(rng, i, n);
    const title = titleCase(words(rng, 3, 7));
    const slug = uniqueSlug(title, used);
    const categories = pickCategories(rng);
    // One post in three gets a code block, the language rotating so each gets its share.
    const fenceLang = i % 3 === 0 ? CODE_LANGS[(i / 3) % CODE_LANGS.length] : undefined;
    if (fenceLang) fences++;
    const file = join('content', 'posts', date.slice(0, 4), `${date.slice(0, 10)}-${slug}.md`);
    mkdirSync(dirname(join(outDir, file)), { recursive: true });
    writeFileSync(join(outDir, file), postText(title, date, categories, body(rng, fenceLang)));
    posts.push(file);
  }
  return { dir: outDir, posts, fences };
}

function cli(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seed: { type: 'string', default: '1' } },
  });
  const [outDir, count] = positionals;
  const n = Number(count);
  const seed = Number(values.seed);
  if (positionals.length !== 2 || !Number.isInteger(n) || !Number.isInteger(seed)) {
    process.stderr.write('usage: node bench/corpus.mjs OUTDIR N [--seed S]\n');
    return 1;
  }
  const result = generateCorpus(resolve(outDir), n, { seed });
  process.stdout.write(`Wrote ${result.posts.length} posts (${result.fences} with a code block) to ${result.dir}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = cli(process.argv.slice(2));
}
