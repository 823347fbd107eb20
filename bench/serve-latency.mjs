// Save-to-served latency of the dev server: the time from writing a post to its reloaded page
// being served (the reload event arrives on the page's event stream, then the page is fetched).
//
//   node bench/serve-latency.mjs [--json FILE] [--engine DIR] <siteDir> [--edits 9]
//
// Runs the compiled engine (npm run compile first) of the Colophon checkout DIR, by default this
// one; bench/run.mjs --baseline points it at an older checkout. Prints the median, min and max in
// ms as one JSON line, to FILE when given (as bench/run.mjs asks) or else to stdout.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { edits: { type: 'string', default: '9' }, json: { type: 'string' }, engine: { type: 'string' } },
});
const siteDir = positionals[0];
if (!siteDir) throw new Error('usage: node bench/serve-latency.mjs [--json FILE] [--engine DIR] <siteDir> [--edits N]');
// A file URL of the absolute path, as import() takes URLs (a Windows drive letter would read as a scheme).
const engineUrl = pathToFileURL(join(resolve(values.engine ?? REPO), 'lib', 'serve', 'server.js')).href;
const { serve } = await import(engineUrl);

/** The first post file in path order: a stable choice between runs. */
function firstPost(dir) {
  const entries = readdirSync(dir).sort();
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      const found = firstPost(full);
      if (found) return found;
    } else if (name.endsWith('.md')) return full;
  }
  return undefined;
}

function get(origin, path) {
  return new Promise((resolve, reject) => {
    request(new URL(path, origin), (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject).end();
  });
}

/** An event stream for a page; next() resolves on the next reload event. */
function stream(origin, page) {
  let waiting;
  request(new URL(`/__colophon/events?page=${encodeURIComponent(page)}`, origin), (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      if (chunk.includes('event: reload') && waiting) waiting();
    });
  }).end();
  return { next: () => new Promise((resolve) => (waiting = resolve)) };
}

const startup = performance.now();
const server = await serve(siteDir, { port: 0, host: '127.0.0.1' });
const startupMs = performance.now() - startup;
const origin = new URL(server.url).origin;
const file = firstPost(join(siteDir, 'content/posts'));
const original = readFileSync(file, 'utf8');

// Find the post's page: the file's slug appears in exactly one permalink of the home page's links,
// or in any page; the simplest reliable way is to ask the server for the index and follow links.
// A bundle's index.md (bench --images) takes its slug from its folder.
const named = file.endsWith('/index.md') ? file.slice(0, -'/index.md'.length) : file;
const slug = named.slice(named.lastIndexOf('/') + 1).replace(/\.md$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
const home = await get(origin, server.url);
let page = [...home.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).find((h) => h.endsWith(`/${slug}/`));
if (!page) {
  // Not on the first index page: search the feed-free sitemap of links by walking index pages.
  for (let n = 2; !page && n < 5000; n++) {
    const res = await get(origin, `${server.url}page/${n}/`);
    if (res.status !== 200) break;
    page = [...res.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).find((h) => h.endsWith(`/${slug}/`));
  }
}
if (!page) throw new Error(`could not find the page of ${relative(siteDir, file)}`);
await get(origin, page);
const events = stream(origin, page);
await new Promise((r) => setTimeout(r, 200));

const samples = [];
try {
  for (let i = 0; i < Number(values.edits); i++) {
    const marker = `Edit number ${i} for the latency benchmark.`;
    const reloaded = events.next();
    const started = performance.now();
    writeFileSync(file, `${original}\n${marker}\n`);
    await reloaded;
    const res = await get(origin, page);
    const ms = performance.now() - started;
    if (!res.body.includes(marker)) throw new Error('the served page does not show the edit');
    samples.push(ms);
    await new Promise((r) => setTimeout(r, 150));
  }
} finally {
  writeFileSync(file, original);
  await server.close();
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
const report = JSON.stringify({
  site: siteDir,
  startupMs: Math.round(startupMs),
  edits: samples.length,
  medianMs: Math.round(median),
  minMs: Math.round(samples[0]),
  maxMs: Math.round(samples.at(-1)),
});
if (values.json) writeFileSync(values.json, `${report}\n`);
else console.log(report);
process.exit(0);
