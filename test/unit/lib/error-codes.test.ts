import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_CODES } from '../../../src/lib/error-codes.ts';
import { ColophonError, formatError } from '../../../src/lib/errors.ts';
import { errorTable, readmeErrorTable } from '../../support/error-table.ts';
import { readModules } from '../../support/imports.ts';
import { ROOT } from '../../support/site.ts';

describe('the error catalog', () => {
  it('is the README table of errors, row for row', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const expected = errorTable();
    assert.equal(readmeErrorTable(readme), expected, `the README's table should read:\n${expected}\n`);
  });

  it('names only codes that src/ raises', () => {
    const code = [...readModules(join(ROOT, 'src')).entries()]
      .filter(([path]) => path !== 'lib/error-codes.ts')
      .map(([, text]) => text)
      .join('\n');
    const unused = Object.keys(ERROR_CODES).filter((c) => !code.includes(`'${c}'`));
    assert.deepEqual(unused, []);
  });

  it("gives an error raised without a hint its code's hint", () => {
    const error = new ColophonError('E_PERMALINK', 'a page permalink cannot use date or slug tokens', {
      file: 'content/about.md',
    });
    assert.equal(error.hint, ERROR_CODES.E_PERMALINK.hint);
    assert.match(formatError(error), /\n {2}hint: give the page a fixed path/);
  });

  it('keeps a hint given where the error is raised', () => {
    const error = new ColophonError('E_READ', 'the file cannot be read', { hint: 'remove it' });
    assert.equal(error.hint, 'remove it');
  });
});
