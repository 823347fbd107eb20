import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { slugFromFileName, slugify } from '../../../src/lib/slug.ts';

describe('slugify', () => {
  it('lower-cases, drops Latin accents, keeps other scripts and joins words with hyphens', () => {
    assert.equal(slugify('Getting Started'), 'getting-started');
    assert.equal(slugify('Café Crème'), 'cafe-creme');
    assert.equal(slugify('日本語 ブログ'), '日本語-ブログ');
    assert.equal(slugify('C++ & C#'), 'c-plus-plus-and-c-sharp');
    assert.equal(slugify('  --Docker--  '), 'docker');
    assert.equal(slugify('../'), '');
  });

  it('takes a slug from a file name without its date prefix', () => {
    assert.equal(slugFromFileName('2014-10-13-Hello World.md'), 'hello-world');
    assert.equal(slugFromFileName('notes.md'), 'notes');
  });
});
