import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTemplates, isTemplateFailure, type Templates, type TemplateSource } from '../deps/eta.ts';
import { ColophonError } from '../lib/errors.ts';
import { listFiles } from '../lib/files.ts';

/** The built-in theme: this repository's layouts/, beside src/ (and beside lib/ once compiled). */
const BUILTIN_LAYOUTS = fileURLToPath(new URL('../../layouts/', import.meta.url));

/** The built-in theme overlaid file by file with the site's own layouts/. */
export async function loadTheme(siteDir: string): Promise<Templates> {
  const sources = new Map<string, TemplateSource>();
  for (
    const [root, label] of [
      [BUILTIN_LAYOUTS, 'colophon/layouts'],
      [join(siteDir, 'layouts'), 'layouts'],
    ] as const
  ) {
    for (const rel of await listFiles(root, label, true)) {
      if (!rel.endsWith('.eta')) continue;
      const name = rel.slice(0, -'.eta'.length);
      sources.set(name, { name, file: `${label}/${rel}`, text: await readFile(join(root, rel), 'utf8') });
    }
  }
  try {
    return createTemplates([...sources.values()]);
  } catch (error) {
    if (!isTemplateFailure(error)) throw error;
    throw new ColophonError('E_TEMPLATE', error.message, { file: error.template, line: error.line });
  }
}
