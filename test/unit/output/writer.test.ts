import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { createOutputWriter } from '../../../src/output/writer.ts';

/** Deterministic bytes: a file's content depends on its index only. */
function bytesFor(index: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = index * 2654435761 + 1;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

// Sizes around the writer's limits: empty files, small pages, more than a batch (1 MB) in one
// file, and more than a batch buffer (2 MB); more files than a batch holds (256).
const SIZES = [0, 1, 700, 5000, 140_000, 1_100_000, 3_000_000];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

for (const threaded of [false, true]) {
  describe(`the output writer (${threaded ? 'its own thread' : 'this thread'})`, () => {
    it('writes, links and hashes every file, however it is handed over', async () => {
      const root = mkdtempSync(join(tmpdir(), 'colophon-writer-'));
      const previous = mkdtempSync(join(tmpdir(), 'colophon-previous-'));
      const writer = createOutputWriter({ root, previous }, threaded);
      const expected = new Map<string, Uint8Array>();
      const linked: string[] = [];
      for (let i = 0; i < 700; i++) {
        const path = `${i % 7}/${i}/index.html`;
        const bytes = bytesFor(i, SIZES[i % SIZES.length]! % (i < 600 ? 6000 : Infinity));
        let room: Promise<void> | undefined;
        if (i % 5 === 4) {
          // Unchanged since the last build: linked from the previous output.
          mkdirSync(dirname(join(previous, path)), { recursive: true });
          writeFileSync(join(previous, path), bytes);
          linked.push(path);
          room = writer.link(path);
        } else if (i % 2 === 0) {
          // Rendered straight into the batch, as pages are.
          const view = writer.reserve(bytes.byteLength);
          view.set(bytes);
          room = writer.add(path, view);
        } else {
          room = writer.add(path, bytes);
        }
        expected.set(path, bytes);
        if (room) await room;
      }
      const records = await writer.done();
      assert.equal(records.size, expected.size - linked.length);
      for (const [path, bytes] of expected) {
        assert.deepEqual(new Uint8Array(readFileSync(join(root, path))), bytes, path);
        if (linked.includes(path)) {
          assert.equal(statSync(join(root, path)).ino, statSync(join(previous, path)).ino, path);
        } else assert.deepEqual(records.get(path), { sha256: sha256(bytes), size: bytes.byteLength }, path);
      }
    });

    it('reports a file it cannot write, by its output path, once everything was handed over', async () => {
      const root = mkdtempSync(join(tmpdir(), 'colophon-writer-'));
      const writer = createOutputWriter({ root, previous: root }, threaded);
      const bad = `${'x'.repeat(300)}/index.html`;
      for (let i = 0; i < 600; i++) {
        const room = writer.add(i === 10 ? bad : `ok/${i}.html`, bytesFor(i, 4000)); // never throws
        if (room) await room;
      }
      await assert.rejects(writer.done(), (error: Error) => error.message === `${bad}: ENAMETOOLONG: name too long`);
    });
  });
}
