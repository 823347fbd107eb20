import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { readModules } from '../../support/imports.ts';
import { ROOT } from '../../support/site.ts';

// The formatter (deno fmt, lineWidth 120) wraps code but cannot split a long string or comment.
it('no line in src/ is longer than 120 columns', () => {
  const long = [...readModules(join(ROOT, 'src'))].flatMap(([path, text]) =>
    text.split('\n').flatMap((
      line,
      i,
    ) => ([...line].length > 120 ? [`src/${path}:${i + 1} (${[...line].length})`] : []))
  );
  assert.deepEqual(long, []);
});
