// Runs one colophon command in this process and reports what it cost.
//
//   node bench/measure.mjs [--json FILE] <colophon arguments...>
//   e.g. node bench/measure.mjs --json /tmp/m.json build /tmp/site --no-cache
//
// The command's own output passes through (stdout and stderr as usual). One JSON line follows,
// to FILE or else to stderr: { argv, exitCode, wallMs, cpuMs, userMs, systemMs, maxRssKiB,
// importMs, out }. Run it in a fresh process per measurement: peak RSS is per process, and a
// second run in the same process would find modules and shiki grammars already loaded.

import { writeFileSync } from 'node:fs';

function splitArgs(argv) {
  if (argv[0] === '--json') return { jsonFile: argv[1], command: argv.slice(2) };
  return { jsonFile: undefined, command: argv };
}

const cpuMs = (usage) => (usage.userCPUTime + usage.systemCPUTime) / 1000; // µs -> ms

async function measure(command) {
  // Loading the engine is timed apart: the brief is the cost of main(), and startup is the same
  // few hundred milliseconds for every site size.
  const importStart = performance.now();
  const { main } = await import('../lib/cli.js');
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

const { jsonFile, command } = splitArgs(process.argv.slice(2));
if (command.length === 0 || (process.argv[2] === '--json' && !jsonFile)) {
  process.stderr.write('usage: node bench/measure.mjs [--json FILE] <colophon arguments...>\n');
  process.exitCode = 64;
} else {
  const result = await measure(command);
  const line = `${JSON.stringify(result)}\n`;
  if (jsonFile) writeFileSync(jsonFile, line);
  else process.stderr.write(line);
  process.exitCode = result.exitCode;
}
