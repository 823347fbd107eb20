import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { configFingerprint, describeValue } from '../../../src/config/fingerprint.ts';

/** A site folder whose site.config.ts imports a local module, which imports a package. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'colophon-fingerprint-'));
  const files: Record<string, string> = {
    'site.config.ts':
      "import { defineConfig } from 'colophon';\nimport { p } from './plugins/p.ts';\nexport default {};\n",
    'plugins/p.ts': "import lib from 'some-lib/sub';\nexport const p = () => lib;\n",
    'node_modules/some-lib/package.json': '{ "name": "some-lib", "version": "1.0.0" }',
    'package-lock.json': '{ "lockfileVersion": 3 }',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('configFingerprint', () => {
  const of = (dir: string, plugins: [unknown, unknown][] = []) =>
    configFingerprint(join(dir, 'site.config.ts'), dir, plugins);

  it('is the same for the same files and plugins, in any folder', () => {
    assert.equal(of(project()), of(project()));
  });

  it('changes with a local module, a package version, the lock file, or a plugin option', () => {
    const dir = project();
    const before = of(dir, [[() => 1, { a: 1 }]]);
    const changes: [string, () => void][] = [
      [
        'a package version',
        () => writeFileSync(join(dir, 'node_modules/some-lib/package.json'), '{ "version": "1.0.1" }'),
      ],
      ['the lock file', () => writeFileSync(join(dir, 'package-lock.json'), '{ "lockfileVersion": 3, "x": 1 }')],
      ['a local module', () => writeFileSync(join(dir, 'plugins/p.ts'), 'export const p = () => 2;\n')],
    ];
    let last = before;
    for (const [what, change] of changes) {
      change();
      const now = of(dir, [[() => 1, { a: 1 }]]);
      assert.notEqual(now, last, what);
      last = now;
    }
    assert.notEqual(of(dir, [[() => 1, { a: 2 }]]), last, 'a plugin option');
    assert.notEqual(of(dir, [[() => 2, { a: 1 }]]), last, "a plugin's code");
  });
});

describe('describeValue', () => {
  it('does not depend on key order, and tells apart what JSON would not', () => {
    assert.equal(describeValue({ b: 1, a: [1, 'x'] }), describeValue({ a: [1, 'x'], b: 1 }));
    assert.notEqual(describeValue({ a: undefined }), describeValue({}));
    assert.notEqual(describeValue(/a/g), describeValue(/a/));
    assert.equal(describeValue(new Date(0)), 'Date(1970-01-01T00:00:00.000Z)');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    assert.equal(describeValue(cycle), '{"self":[cycle]}');
  });
});
