// Runs one colophon command in this process and reports what it cost.
//
//   node bench/measure.mjs [--json FILE] [--engine DIR] <colophon arguments...>
//   e.g. node bench/measure.mjs --json /tmp/m.json build /tmp/site --no-cache
//
// --engine names the Colophon checkout whose compiled lib/ runs the command (default: this one), so
// bench/run.mjs --baseline can time an older checkout with this same script. Both options come
// before the command, so that colophon's own flags (build --json) pass through untouched.
//
// The command's own output passes through (stdout and stderr as usual). One JSON line follows,
// to FILE or else to stderr: { argv, exitCode, wallMs, cpuMs, userMs, systemMs, maxRssKiB,
// importMs, out }. Run it in a fresh process per measurement: peak RSS is per process, and a
// second run in the same process would find modules and shiki grammars already loaded.

import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));

/** Leading --json FILE and --engine DIR, in any order; undefined when one lacks its value. */
function splitArgs(argv) {
  const parsed = { jsonFile: undefined, engine: REPO };
  let i = 0;
  for (; argv[i] === '--json' || argv[i] === '--engine'; i += 2) {
    if (argv[i + 1] === undefined) return undefined;
    if (argv[i] === '--json') parsed.jsonFile = argv[i + 1];
    else parsed.engine = argv[i + 1];
  }
  return { ...parsed, command: argv.slice(i) };
}

const cpuMs = (usage) => (usage.userCPUTime + usage.systemCPUTime) / 1000; // µs -> ms

async function measure(engine, command) {
  // Loading the engine is timed apart: the brief is the cost of main(), and startup is the same
  // few hundred milliseconds for every site size.
  const importStart = performance.now();
  // import() takes a URL; a file URL of the absolute path works on every platform (a Windows
  // path's drive letter would be read as a URL scheme).
  const { main } = await import(pathToFileURL(join(resolve(engine), 'lib', 'cli.js')).href);
  const importMs = performance.now() - importStart;

  const out = [];
  const io = {
    out: (line) => (out.push(line), process.stdout.write(`${line}\n`)),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  const before = process.resourceUsage();
  const start = performance.now();
  const exitCode = await main(command, io);
  const wallMs = performance.now() - start;
  const after = process.resourceUsage();
  return {
    argv: command,
    exitCode,
    wallMs: round(wallMs),
    cpuMs: round(cpuMs(after) - cpuMs(before)),
    userMs: round((after.userCPUTime - before.userCPUTime) / 1000),
    systemMs: round((after.systemCPUTime - before.systemCPUTime) / 1000),
    maxRssKiB: after.maxRSS, // the process's peak, so it includes node itself and the engine's modules
    importMs: round(importMs),
    out,
  };
}

const round = (ms) => Math.round(ms * 10) / 10;

const args = splitArgs(process.argv.slice(2));
if (args === undefined || args.command.length === 0) {
  process.stderr.write('usage: node bench/measure.mjs [--json FILE] [--engine DIR] <colophon arguments...>\n');
  process.exitCode = 64;
} else {
  const { jsonFile, engine, command } = args;
  const result = await measure(engine, command);
  const line = `${JSON.stringify(result)}\n`;
  if (jsonFile) writeFileSync(jsonFile, line);
  else process.stderr.write(line);
  process.exitCode = result.exitCode;
}
