import { constants } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ColophonError } from '../lib/errors.ts';
import type { CopiedFile } from './types.ts';

/** Writes a file that must not exist yet (`target` is relative to `root`); false when it does. */
export async function writeNew(root: string, target: string, text: string): Promise<boolean> {
  return create(join(root, target), target, (file) => writeFile(file, text, { flag: 'wx' }));
}

/** Copies an old blog's file into the site unless the site already has one there. */
export function copyNew(fromRoot: string, toRoot: string, file: CopiedFile): Promise<boolean> {
  return create(
    join(toRoot, file.target),
    file.target,
    (to) => copyFile(join(fromRoot, file.source), to, constants.COPYFILE_EXCL),
  );
}

async function create(file: string, label: string, make: (file: string) => Promise<void>): Promise<boolean> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await make(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new ColophonError('E_IMPORT_WRITE', `could not write the file: ${(error as Error).message}`, { file: label });
  }
}
