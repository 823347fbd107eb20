import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type Place,
  placesIn,
  readIndex,
  saveSegmented,
  type SegmentName,
  segmentStore,
  segmentTable,
  textAt,
} from '../../../src/lib/segments.ts';

/** A toy index: the segments, then each entry's segment number, offset and size. */
const indexOf = (places: readonly Place[]) => {
  const { named, number } = segmentTable(places);
  return JSON.stringify([named, places.map((p) => [number.get(p.segment), p.offset, p.size])]);
};

async function entriesIn(store: ReturnType<typeof segmentStore>): Promise<(string | undefined)[]> {
  const [named, entries] = JSON.parse((await readIndex(store))!.toString()) as [SegmentName[], number[][]];
  const placeOf = placesIn(store.folder, named);
  return entries.map(([n, at, size]) => {
    const place = placeOf(n!, at!, size!);
    return place && textAt(place);
  });
}

const segmentsOf = (folder: string) => readdirSync(folder).filter((name) => name.endsWith('.seg'));

describe('a save of segments and their index', () => {
  it('appends only the new entries, or copies all of them when told to', async () => {
    const store = segmentStore(join(mkdtempSync(join(tmpdir(), 'colophon-segments-')), 'c'), '/site', 'idx');
    const first = await saveSegmented(store, {
      entries: ['one', 'two', 'three'].map((s) => Buffer.from(s)),
      before: [],
      index: indexOf,
    });
    const second = await saveSegmented(store, {
      entries: [first![0]!, Buffer.from('four'), first![2]!],
      before: first!,
      index: indexOf,
    });
    assert.deepEqual(await entriesIn(store), ['one', 'four', 'three']);
    assert.equal(segmentsOf(store.folder).length, 2);
    assert.equal(second![0], first![0]); // left where it lay
    await saveSegmented(store, { entries: second!, before: second!, compact: true, index: indexOf });
    assert.deepEqual(await entriesIn(store), ['one', 'four', 'three']);
    assert.deepEqual(segmentsOf(store.folder).map((name) => readFileSync(join(store.folder, name), 'utf8')), [
      'onefourthree',
    ]);
  });

  it('that fails leaves the last index and its segments as they were, and nothing more', async () => {
    const store = segmentStore(mkdtempSync(join(tmpdir(), 'colophon-segments-')), '/site', 'idx');
    const first = await saveSegmented(store, { entries: [Buffer.from('kept')], before: [], index: indexOf });
    const failed = await saveSegmented(store, {
      entries: [first![0]!, Buffer.from('lost')],
      before: first!,
      index: () => {
        throw new Error('disk full');
      },
    });
    assert.equal(failed, undefined);
    assert.deepEqual(await entriesIn(store), ['kept']);
    assert.deepEqual(readdirSync(store.folder).length, 2); // the index and one segment: no temporary file
    assert.deepEqual(segmentsOf(store.folder).map((name) => readFileSync(join(store.folder, name), 'utf8')), ['kept']);
  });
});
