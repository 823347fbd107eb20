import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { widthsFor } from '../../../src/markdown/image-cache.ts';
import { eagerFirstImage, LAZY, variantUrl } from '../../../src/markdown/picture.ts';

describe('responsive image sizes', () => {
  it('takes the configured widths below the original, and the original when one was wider', () => {
    assert.deepEqual(widthsFor([640, 1280, 1920], 2400), [640, 1280, 1920]);
    assert.deepEqual(widthsFor([640, 1280, 1920], 1000), [640, 1000]);
    assert.deepEqual(widthsFor([640, 1280, 1920], 1280), [640, 1280]);
    assert.deepEqual(widthsFor([640, 1280], 300), [300]);
  });

  it('names each size beside the original, by width and format', () => {
    assert.equal(variantUrl('/2024/trip/photo.jpeg', { width: 640, format: 'jpeg' }), '/2024/trip/photo-640w.jpg');
    assert.equal(variantUrl('/a.b/photo', { width: 640, format: 'webp' }), '/a.b/photo-640w.webp');
  });

  it('makes only the first image of a page eager', () => {
    const html = `<img src="a"${LAZY}><img src="b"${LAZY}>`;
    assert.equal(eagerFirstImage(html), `<img src="a"><img src="b"${LAZY}>`);
    assert.equal(eagerFirstImage('<p>no images</p>'), '<p>no images</p>');
  });
});
