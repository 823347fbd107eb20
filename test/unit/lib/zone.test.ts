import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDate } from '../../../src/lib/dates.ts';
import { createZone, formatIso, formatLong } from '../../../src/lib/zone.ts';

const ny = createZone('America/New_York');
const at = (text: string, zone = ny) => {
  const result = parseDate(text, zone);
  if (!result.ok) throw new Error(result.reason);
  return result.epochMs;
};

describe('zone', () => {
  it('formats the long date with two-digit day and 12-hour clock', () => {
    assert.equal(
      formatLong({ year: 2014, month: 10, day: 3, hour: 0, minute: 5, second: 0 }),
      'October 03, 2014 at 12:05 AM',
    );
    assert.equal(
      formatLong({ year: 2014, month: 10, day: 13, hour: 12, minute: 0, second: 0 }),
      'October 13, 2014 at 12:00 PM',
    );
    assert.equal(
      formatLong({ year: 2014, month: 1, day: 31, hour: 23, minute: 59, second: 59 }),
      'January 31, 2014 at 11:59 PM',
    );
  });

  it('gives ISO 8601 with the offset in force at that instant', () => {
    assert.equal(formatIso(ny, at('2014-01-15 12:00')), '2014-01-15T12:00:00-05:00');
    assert.equal(formatIso(ny, at('2014-07-15 12:00')), '2014-07-15T12:00:00-04:00');
    assert.equal(formatIso(createZone('Asia/Kolkata'), Date.UTC(2014, 0, 1)), '2014-01-01T05:30:00+05:30');
  });

  it('moves a wall time inside a DST gap forward by the gap', () => {
    // 2014-03-09 02:30 does not exist in New York: clocks jump from 02:00 EST to 03:00 EDT.
    assert.equal(formatIso(ny, at('2014-03-09 02:30')), '2014-03-09T03:30:00-04:00');
  });

  it('reads a repeated wall time as the first of the two', () => {
    // 2014-11-02 01:30 happens twice in New York; the first is EDT.
    assert.equal(formatIso(ny, at('2014-11-02 01:30')), '2014-11-02T01:30:00-04:00');
  });
});
