import { ColophonError, keepUserError } from '../lib/errors.ts';
import type { Allocator, OutputBytes, Producer, Producers } from './types.ts';

/**
 * The one rule for running a producer: a ColophonError (a template that failed on this page) is
 * the user's to fix and comes back as a value, to be reported with the others; anything else is a
 * bug in Colophon and is thrown.
 */
export function produce(producer: Producer, into?: Allocator): Uint8Array | ColophonError {
  try {
    return producer(into);
  } catch (error) {
    return keepUserError(error);
  }
}

/** Renders every file into memory, collecting every error. */
export function materialize(files: Producers): { output: OutputBytes; errors: ColophonError[] } {
  const output: OutputBytes = new Map();
  const errors: ColophonError[] = [];
  for (const [path, producer] of files) {
    const bytes = produce(producer);
    if (bytes instanceof ColophonError) errors.push(bytes);
    else output.set(path, bytes);
  }
  return { output, errors };
}
