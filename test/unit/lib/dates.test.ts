import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDate } from '../../../src/lib/dates.ts';
import { createZone } from '../../../src/lib/zone.ts';

const ny = createZone('America/New_York');
const at = (text: string, zone = ny) => {
  const result = parseDate(text, zone);
  if (!result.ok) throw new Error(result.reason);
  return result.epochMs;
};

describe('parseDate', () => {
  it('takes an explicit offset as written and everything else as site-local', () => {
    assert.equal(at('2014-10-13T16:50:00Z'), Date.UTC(2014, 9, 13, 16, 50));
    assert.equal(at('2014-10-13 16:50:00 +02:00'), Date.UTC(2014, 9, 13, 14, 50));
    assert.equal(at('2014-10-13T16:50:00.250-0700'), Date.UTC(2014, 9, 13, 23, 50, 0, 250));
    assert.equal(at('2014-10-13'), Date.UTC(2014, 9, 13, 4));
    assert.equal(at('2014/10/13 16:50:00'), Date.UTC(2014, 9, 13, 20, 50));
  });

  it('rejects days and times that do not exist, and text that is not a date', () => {
    for (const bad of ['2014-02-30', '2014-13-01', '2014-10-13 24:00', '2014-10-13 12:60', 'yesterday', '13/10/2014']) {
      assert.equal(parseDate(bad, ny).ok, false, bad);
    }
    assert.equal(parseDate('2016-02-29', ny).ok, true);
    assert.equal(parseDate('2100-02-29', ny).ok, false);
    assert.equal(parseDate(['2014-10-13'], ny).ok, false);
  });
});
