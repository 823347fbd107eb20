import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

/**
 * The order of src/'s stages, lowest first: a module may import from its own folder and from any
 * stage below its own, never from one above it or beside it. The root files are stages of their own.
 */
export const STAGES: readonly (readonly string[])[] = [
  ['lib'],
  ['deps'],
  ['config'],
  ['content'],
  ['model'],
  ['markdown'],
  ['render'],
  ['output'],
  ['pipeline.ts'],
  ['build.ts'],
  ['serve', 'verify', 'import', 'scaffold', 'check', 'diff'],
  ['usage.ts'],
  ['cli.ts', 'index.ts'],
];

/** A module's stage: its folder under src/, or its own name at the root. */
export function unitOf(path: string): string {
  return path.split('/')[0]!;
}

export function rankOf(unit: string): number {
  const rank = STAGES.findIndex((stage) => stage.includes(unit));
  if (rank < 0) throw new Error(`${unit} is in no stage of STAGES: add it to test/support/imports.ts`);
  return rank;
}

export interface Import {
  from: string; // src-relative path of the importing module
  to: string; // src-relative path of the imported module, or the package name
  line: number;
}

/**
 * A static import or re-export at the start of a statement (its name list may span lines, but no
 * string can sit between the keyword and `from`), a side-effect import, or a dynamic import().
 */
const SPECIFIER =
  /(?:^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*|^[ \t]*import\s+|\bimport\s*\(\s*)(['"])([^'"]+)\1/gm;

/** Every import in one module's text: static, dynamic and re-exports, type-only ones included. */
export function importsOf(from: string, text: string): Import[] {
  const found: Import[] = [];
  for (const match of code(text).matchAll(SPECIFIER)) {
    const spec = match[2]!;
    const line = text.slice(0, match.index).split('\n').length;
    const to = spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(from), spec)) : spec;
    found.push({ from, to, line });
  }
  return found;
}

/**
 * The text with comments and template literals blanked out (newlines kept, so line numbers hold):
 * a config file written by `init`, or an example in a comment, is not an import.
 */
function code(text: string): string {
  const blank = (part: string) => part.replace(/[^\n]/g, ' ');
  return text
    .replace(/^\s*\/\*[^]*?\*\//gm, blank)
    .replace(/^\s*\/\/.*$/gm, blank)
    .replace(/`(?:\\.|[^`\\])*`/g, blank);
}

/** Imports that point up the chain or sideways into another stage, and npm imports outside deps/. */
export function wrongWay(imports: readonly Import[]): string[] {
  const problems: string[] = [];
  for (const { from, to, line } of imports) {
    const where = `src/${from}:${line}`;
    if (to.startsWith('node:')) continue;
    if (!to.endsWith('.ts')) {
      if (unitOf(from) !== 'deps') problems.push(`${where} imports the package "${to}": only deps/ may`);
      continue;
    }
    const [a, b] = [unitOf(from), unitOf(to)];
    if (a !== b && rankOf(b) >= rankOf(a)) problems.push(`${where} imports src/${to}, which is not below ${a}`);
  }
  return problems;
}

/** Each cycle among the modules, as the list of paths around it (the first repeated at the end). */
export function cycles(imports: readonly Import[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const { from, to } of imports) if (to.endsWith('.ts')) edges.set(from, [...(edges.get(from) ?? []), to]);
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of [...new Set(edges.get(node) ?? [])].sort()) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...edges.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

/** Every .ts module under `root`, as POSIX paths relative to it, with its text. */
export function readModules(root: string): Map<string, string> {
  const modules = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) {
        modules.set(relative(root, full).split('\\').join('/'), readFileSync(full, 'utf8'));
      }
    }
  };
  walk(root);
  return modules;
}

export function allImports(modules: ReadonlyMap<string, string>): Import[] {
  return [...modules].flatMap(([path, text]) => importsOf(path, text));
}
