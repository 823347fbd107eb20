import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from './build.ts';
import { BuildFailure, ColophonError, formatError } from './errors.ts';

const HELP = `colophon — a static blog engine with byte-identical output

Usage:
  colophon build [dir] [--drafts]   build the site in dir (default: .) into its outDir
  colophon --help | --version

Options:
  --drafts     include posts and pages marked draft: true
  -h, --help   show this help
  -v, --version
`;

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Runs a command line; returns the exit code. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        drafts: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    io.err(`error: ${(error as Error).message}\nRun "colophon --help" for usage.`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.version) return io.out(version()), 0;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return io.out(HELP), command === undefined && !values.help ? 1 : 0;
  if (command !== 'build') {
    io.err(`error: unknown command "${command}"\nRun "colophon --help" for usage.`);
    return 1;
  }
  if (rest.length > 1) {
    io.err(`error: build takes one folder, got ${rest.length}: ${rest.join(' ')}`);
    return 1;
  }
  return runBuild(rest[0] ?? '.', values.drafts, io);
}

async function runBuild(dir: string, drafts: boolean, io: Io): Promise<number> {
  const started = performance.now();
  try {
    const result = await build(dir, { drafts });
    for (const warning of result.warnings) io.err(`warning: ${warning}`);
    const { site, report, output } = result;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    io.out(
      `Built ${count(site.posts.length, 'post')}, ${count(site.pages.length, 'page')}: ${count(output.size, 'file')} ` +
        `(${report.written} written, ${report.unchanged} unchanged, ${report.removed} removed) in ${seconds} s, ${result.digest}`,
    );
    return 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: Io): number {
  const errors = error instanceof BuildFailure ? error.errors : error instanceof ColophonError ? [error] : undefined;
  if (!errors) {
    io.err(`internal error: this is a bug in Colophon, please report it with the output below.\n${(error as Error)?.stack ?? error}`);
    return 2;
  }
  for (const e of errors) io.err(formatError(e));
  io.err(`Build failed with ${count(errors.length, 'error')}; the previous output is unchanged.`);
  return 1;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

if ((import.meta as { main?: boolean }).main) {
  process.exitCode = await main(process.argv.slice(2));
}
