// The floor: the least work any build of this corpus has to do, on one core, with the same
// libraries Colophon uses. Every post is read, its front matter parsed (gray-matter), its body
// rendered (markdown-it) and every fenced block highlighted (shiki); no templates, no writes.
// A build's wall time divided by this says how much the engine adds on top of its libraries.
//
//   node bench/floor.mjs SITEDIR [--json FILE]
//
// Prints one JSON line (to FILE, else stdout): { posts, fences, readMs, parseMarkdownMs,
// shikiMs, totalMs }.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import matter from 'gray-matter';
import MarkdownIt from 'markdown-it';
import { createHighlighter } from 'shiki';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';

const THEMES = { light: 'github-light', dark: 'github-dark' };

function readPosts(siteDir) {
  const root = join(siteDir, 'content', 'posts');
  const files = readdirSync(root, { recursive: true }).filter((f) => f.endsWith('.md')).sort();
  return files.map((f) => readFileSync(join(root, f), 'utf8'));
}

/** Front matter and Markdown; fences are collected from the tokens so shiki can be timed apart. */
function parseAndRender(texts) {
  const md = new MarkdownIt({ html: true });
  const fences = [];
  let bytes = 0;
  for (const text of texts) {
    // An options object turns off gray-matter's cache, which would make repeated text free.
    const { content } = matter(text, { excerpt: false });
    const env = {};
    const tokens = md.parse(content, env);
    for (const t of tokens) if (t.type === 'fence') fences.push({ code: t.content, lang: t.info.trim() });
    bytes += md.renderer.render(tokens, md.options, env).length;
  }
  return { fences, bytes };
}

async function highlight(fences) {
  const langs = [...new Set(fences.map((f) => f.lang))].sort();
  if (langs.length === 0) return 0;
  const highlighter = await createHighlighter({
    themes: [THEMES.light, THEMES.dark],
    langs,
    engine: createJavaScriptRegexEngine(),
  });
  let bytes = 0;
  for (const { code, lang } of fences) {
    bytes += highlighter.codeToHtml(code, { lang, themes: THEMES, defaultColor: false }).length;
  }
  highlighter.dispose();
  return bytes;
}

async function floor(siteDir) {
  const t0 = performance.now();
  const texts = readPosts(siteDir);
  const t1 = performance.now();
  const { fences } = parseAndRender(texts);
  const t2 = performance.now();
  await highlight(fences);
  const t3 = performance.now();
  const ms = (a, b) => Math.round((b - a) * 10) / 10;
  return {
    posts: texts.length,
    fences: fences.length,
    readMs: ms(t0, t1),
    parseMarkdownMs: ms(t1, t2),
    shikiMs: ms(t2, t3),
    totalMs: ms(t0, t3),
  };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: 'string' } } });
if (positionals.length !== 1) {
  process.stderr.write('usage: node bench/floor.mjs SITEDIR [--json FILE]\n');
  process.exitCode = 64;
} else {
  const line = `${JSON.stringify(await floor(positionals[0]))}\n`;
  if (values.json) writeFileSync(values.json, line);
  else process.stdout.write(line);
}
