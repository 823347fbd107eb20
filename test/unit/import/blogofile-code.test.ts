import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertBlogofileCode } from '../../../src/import/blogofile-code.ts';

describe('Blogofile code blocks', () => {
  it('rewrite $$code blocks as fences, keeping the language and reporting other options', () => {
    const body =
      'Text\n\n  $$code(lang=python, linenums=True)\n  x = 1\n  $$/code\n\n$$code\nplain\n$$/code\n$$code(lang=js)\nnever closed\n';
    const result = convertBlogofileCode(body);
    assert.equal(
      result.body,
      'Text\n\n  ```python\n  x = 1\n  ```\n\n```\nplain\n```\n$$code(lang=js)\nnever closed\n',
    );
    assert.equal(result.blocks, 2);
    assert.deepEqual(result.dropped, ['linenums=True']);
    assert.equal(result.unclosed, 1);
    assert.equal(convertBlogofileCode('$$code(language="ruby")\nputs 1 $$/code\n').body, '```ruby\nputs 1\n```\n');
  });
});
