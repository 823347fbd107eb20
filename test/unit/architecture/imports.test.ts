import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allImports, cycles, importsOf, readModules, STAGES, unitOf, wrongWay } from '../../support/imports.ts';
import { ROOT } from '../../support/site.ts';

const modules = readModules(join(ROOT, 'src'));
const imports = allImports(modules);

describe('src/ imports point one way', () => {
  it('every module is in a stage', () => {
    const units = new Set([...modules.keys()].map(unitOf));
    const staged = new Set(STAGES.flat());
    assert.deepEqual([...units].filter((u) => !staged.has(u)), []);
  });

  it('no import points up the chain, sideways, or at npm outside deps/', () => {
    assert.deepEqual(wrongWay(imports), []);
  });

  it('there are no import cycles', () => {
    assert.deepEqual(cycles(imports).map((c) => c.join(' -> ')), []);
  });

  it('at most 8 files sit at the root of src/', () => {
    const root = [...modules.keys()].filter((p) => !p.includes('/'));
    assert.ok(root.length <= 8, `src/ has ${root.length} files at its root: ${root.join(', ')}`);
  });
});

describe('the import checker', () => {
  it('finds an import from a lower stage up into a higher one', () => {
    const found = wrongWay(importsOf('model/site.ts', "import { renderSite } from '../render/site.ts';\n"));
    assert.deepEqual(found, ['src/model/site.ts:1 imports src/render/site.ts, which is not below model']);
  });

  it('finds an import between two folders of the same stage', () => {
    const found = wrongWay(importsOf('serve/server.ts', "import type { VerifyReport } from '../verify/types.ts';"));
    assert.equal(found.length, 1);
  });

  it('finds an npm import outside deps/, type-only and dynamic ones too', () => {
    const text = "import type { Feed } from 'feed';\nconst c = await import('chokidar');\n";
    assert.deepEqual(wrongWay(importsOf('serve/watch.ts', text)).length, 2);
    assert.deepEqual(wrongWay(importsOf('deps/feed.ts', text)), []);
  });

  it('finds a cycle inside one folder', () => {
    const found = cycles([
      ...importsOf('render/site.ts', "import { BodySplicer } from './splice.ts';"),
      ...importsOf('render/splice.ts', "import type { Allocator } from './site.ts';"),
    ]);
    assert.deepEqual(found, [['render/site.ts', 'render/splice.ts', 'render/site.ts']]);
  });

  it('does not take a string that mentions an import for one', () => {
    const text = 'const example = \'error[E_IMPORT_ENGINE]: cannot import from "wordpress"\';\n';
    assert.deepEqual(importsOf('lib/error-codes.ts', text), []);
  });

  it('reads an import whose names span several lines', () => {
    const text = "import {\n  a,\n  b,\n} from '../render/site.ts';\n";
    assert.deepEqual(importsOf('model/x.ts', text), [{ from: 'model/x.ts', to: 'render/site.ts', line: 1 }]);
  });

  it('accepts imports from a lower stage and from its own folder', () => {
    const text =
      "import { sha256 } from '../lib/digest.ts';\nimport { x } from './other.ts';\nimport { readFile } from 'node:fs';";
    assert.deepEqual(wrongWay(importsOf('output/write.ts', text)), []);
  });
});
