import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { isProblem, parseFrontMatter } from '../../../src/deps/matter.ts';

// parseFrontMatter hands gray-matter only the head of a file (see deps/matter.ts); what it returns
// must be exactly what gray-matter makes of the whole file.
const whole = (text: string) => {
  try {
    const parsed = matter(text, {
      engines: { yaml: (t: string) => yaml.load(t, { schema: yaml.CORE_SCHEMA }) as object },
    });
    const data: unknown = parsed.data;
    return typeof data === 'object' && data !== null && !Array.isArray(data)
      ? { data, body: parsed.content }
      : 'not a mapping';
  } catch {
    return 'invalid';
  }
};
const mine = (text: string) => {
  const result = parseFrontMatter(text);
  if (!isProblem(result)) return { data: result.data, body: result.body };
  return /YAML mapping/.test(result.message) ? 'not a mapping' : 'invalid';
};

const CASES = [
  '---\ntitle: A\n---\nBody.\n',
  '---\ntitle: A\n---',
  '---\ntitle: A\n---\n',
  '---\ntitle: A\n---\r\nBody',
  '---\ntitle: A\n---\r',
  '---\ntitle: A\n---\n\n\nBody after blank lines',
  '---\n---\nEmpty front matter',
  '---\n# only a comment\n---\nBody',
  '---  \ntitle: A\n---\nOpening line with spaces',
  '---\ntitle: A\n----\nb: 1\n---\nA longer rule first',
  '---\ntitle: A\n---x\n---\nText right after the first close',
  '---\ntitle: A\n---\nBody\n---\nwith a rule\n---\nand another',
  '---\ntitle: "Ünïcödé 🎉"\n---\n🎉 body\r\n',
  // A closing line after a lone CR or a line separator, with no "\n---" anywhere:
  '---\ntitle: A\u2028---',
  '---\n\r---\nbody',
  '---\ntitle: [unclosed\n---\nbody',
];

describe('front matter', () => {
  it('splits every file exactly as gray-matter does on the whole text', () => {
    for (const text of CASES) assert.deepEqual(mine(text), whole(text), JSON.stringify(text));
  });
});
