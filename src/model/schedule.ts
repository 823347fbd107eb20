import { DATE_FORMS, parseDate } from '../lib/dates.ts';
import { ColophonError } from '../lib/errors.ts';
import { createZone } from '../lib/zone.ts';

/**
 * Scheduled posts without a clock: a build leaves out posts dated after an instant it is given
 * (`--as-of`, or SOURCE_DATE_EPOCH), never after "now". Without one, no post is left out.
 */
export type AsOf = string | number | undefined; // a date as in front matter, or epoch ms

const DAY_ONLY = /^\s*\d{4}([-/])\d{1,2}\1\d{1,2}\s*$/;

/** The instant a post's date may not pass; a day without a time means the end of that day. */
export function asOfInstant(value: AsOf, timezone: string): number | undefined | ColophonError {
  if (value === undefined || typeof value === 'number') return value;
  const zone = createZone(timezone);
  const parsed = parseDate(value, zone);
  if (!parsed.ok) {
    return new ColophonError('E_AS_OF', `--as-of ${parsed.reason}`, {
      hint: `give the day the build should treat as today, as ${DATE_FORMS}`,
    });
  }
  if (!DAY_ONLY.test(value)) return parsed.epochMs;
  const wall = zone.wallTime(parsed.epochMs);
  return zone.instant({ ...wall, day: wall.day + 1 }) - 1;
}

/** SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970-01-01 UTC, as epoch ms. */
export function sourceDateEpoch(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text)) {
    throw new ColophonError('E_AS_OF', `SOURCE_DATE_EPOCH is "${text}", not a whole number of seconds`, {
      hint: 'set it to seconds since 1970-01-01 UTC, such as SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it',
    });
  }
  return Number(text) * 1000;
}
