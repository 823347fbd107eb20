import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDate } from '../../../src/lib/dates.ts';
import {
  createZone,
  formatIso,
  formatLong,
  isValidTimezone,
  STEADY_SPAN,
  type WallTime,
  type Zone,
} from '../../../src/lib/zone.ts';
import {
  type IntlZone,
  intlZone,
  sameWall,
  showWall,
  type Transition,
  utcOfWall,
  wallOfUtc,
} from '../../support/intl-zone.ts';

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

  it('keeps the seconds of local mean time, and rounds them to the minute only in ISO offsets', () => {
    // Monrovia kept -0:44:30 until 1972. ISO 8601 offsets in feeds and sitemaps are whole minutes, so
    // the ISO text gives the same instant with -00:44.
    const monrovia = createZone('Africa/Monrovia');
    const noon = Date.UTC(1960, 0, 1, 12);
    assert.equal(monrovia.offsetAt(noon), -(44 * 60 + 30));
    assert.equal(formatLong(monrovia.wallTime(noon)), 'January 01, 1960 at 11:15 AM');
    assert.equal(formatIso(monrovia, noon), '1960-01-01T11:16:00-00:44');
    assert.equal(Date.parse(formatIso(monrovia, noon)), noon);
    assert.equal(monrovia.instant({ year: 1960, month: 1, day: 1, hour: 11, minute: 15, second: 30 }), noon);
  });

  it('reads a repeated wall time as the first of the two', () => {
    // 2014-11-02 01:30 happens twice in New York; the first is EDT.
    assert.equal(formatIso(ny, at('2014-11-02 01:30')), '2014-11-02T01:30:00-04:00');
  });
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const FROM = Date.UTC(1900, 0, 1);
const TO = Date.UTC(2100, 0, 1);
// The scan samples every SCAN_STEP and bisects where the offset differs: it finds every transition
// unless two of them, closer together than the step, return to the same offset. (The tz database
// itself, with the history ICU leaves out, has no two changes of one zone within 95 hours from 1900
// to 2037, where its files list every change.)
const SCAN_STEP = 3 * DAY;

const iso = (ms: number) => new Date(ms).toISOString();

/** Every way the engine disagrees with Intl around one transition, as readable lines. */
function mismatches(name: string, engine: Zone, intl: IntlZone, change: Transition): string[] {
  const found: string[] = [];
  const walls = new Map<number, WallTime>(); // many candidates coincide: ask Intl once per instant
  const intlWall = (epochMs: number) => walls.get(epochMs) ?? walls.set(epochMs, intl.wall(epochMs)).get(epochMs)!;
  const at = `${name} ${iso(change.at)} (${change.before} s -> ${change.after} s)`;
  const expectWall = (epochMs: number, what: string) => {
    const want = intlWall(epochMs);
    const got = engine.wallTime(epochMs);
    if (!sameWall(got, want)) found.push(`${at}, ${what}: wallTime ${showWall(got)}, Intl ${showWall(want)}`);
  };
  // The documented rule: the earlier of two instants; a skipped time moves forward by the gap,
  // that is, it is read with the offset in force before the change.
  const expectInstant = (wall: WallTime, what: string) => {
    const local = utcOfWall(wall);
    const exists = [change.before, change.after].map((o) => local - o * 1000).filter((u) =>
      sameWall(intlWall(u), wall)
    );
    const want = exists.length > 0 ? Math.min(...exists) : local - change.before * 1000;
    const got = engine.instant(wall);
    if (got !== want) found.push(`${at}, ${what}: instant(${showWall(wall)}) ${iso(got)}, Intl ${iso(want)}`);
  };
  for (
    const [epochMs, what] of [[change.at - MINUTE, '1 minute before'], [change.at + MINUTE, '1 minute after']] as const
  ) {
    expectWall(epochMs, what);
    expectInstant(intlWall(epochMs), what);
    expectInstant({ ...intlWall(epochMs), hour: 12, minute: 0, second: 0 }, `noon on the day ${what}`);
  }
  // The first wall time the change skips (clocks forward) or repeats (clocks back).
  const forward = change.after > change.before;
  expectInstant(wallOfUtc(change.at + Math.min(change.before, change.after) * 1000), forward ? 'skipped' : 'repeated');
  return found;
}

describe('zone against Intl, every transition from 1900 to 2100', () => {
  it('agrees on wall times and instants around every offset change of every zone Intl lists', (t) => {
    const started = performance.now();
    const zones = Intl.supportedValuesOf('timeZone');
    const problems: string[] = [];
    let transitions = 0;
    let closest = { gap: Infinity, where: '' };
    for (const name of zones) {
      assert.ok(isValidTimezone(name), `${name} is listed by Intl but refused as a timezone`);
      const intl = intlZone(name);
      const engine = createZone(name);
      const changes = intl.transitions(FROM, TO, SCAN_STEP);
      transitions += changes.length;
      changes.forEach((change, i) => {
        assert.notEqual(change.before, change.after, `${name} ${iso(change.at)}: a label changed, the offset not`);
        problems.push(...mismatches(name, engine, intl, change));
        const gap = i > 0 ? change.at - changes[i - 1]!.at : Infinity;
        if (gap < closest.gap) closest = { gap, where: `${name} ${iso(changes[i - 1]!.at)} and ${iso(change.at)}` };
      });
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    t.diagnostic(`${zones.length} zones, ${transitions} transitions, ${problems.length} mismatches, ${seconds} s`);
    t.diagnostic(`closest transitions of one zone: ${(closest.gap / 3_600_000).toFixed(1)} h, ${closest.where}`);
    assert.deepEqual(problems.slice(0, 30), [], `${problems.length} mismatches`);
    // The scan can only miss transitions closer together than its step, and the engine's steady spans
    // are only sound if no span holds two: both rest on the closest pair found being farther apart.
    assert.ok(closest.gap > SCAN_STEP, closest.where);
    assert.ok(closest.gap > STEADY_SPAN, closest.where);
    assert.ok(zones.length > 400 && transitions > 40_000, `${zones.length} zones, ${transitions} transitions`);
  });

  it('finds the transitions it should (the scan itself is checked)', () => {
    const ny = intlZone('America/New_York').transitions(Date.UTC(2014, 0, 1), Date.UTC(2015, 0, 1), SCAN_STEP);
    assert.deepEqual(ny, [
      { at: Date.UTC(2014, 2, 9, 7), before: -5 * 3600, after: -4 * 3600 },
      { at: Date.UTC(2014, 10, 2, 6), before: -4 * 3600, after: -5 * 3600 },
    ]);
    // Samoa skipped 2011-12-30 (from UTC-10 to UTC+14); Monrovia's -0:44:30 ended in 1972.
    const apia = intlZone('Pacific/Apia').transitions(Date.UTC(2011, 11, 29), Date.UTC(2011, 11, 31), SCAN_STEP);
    assert.deepEqual(apia, [{ at: Date.UTC(2011, 11, 30, 10), before: -10 * 3600, after: 14 * 3600 }]);
    const monrovia = intlZone('Africa/Monrovia').transitions(Date.UTC(1972, 0, 1), Date.UTC(1972, 11, 31), SCAN_STEP);
    assert.deepEqual(monrovia.map((c) => [c.before, c.after]), [[-(44 * 60 + 30), 0]]);
  });
});
