import { isValidWallTime, utcOf, type WallTime, type Zone } from './zone.ts';

/**
 * Front matter dates. YAML parsers read an offset-less timestamp as UTC; for us it is site-local, so
 * the YAML is read without its timestamp type and we parse the text here.
 */
const DAY = String.raw`(\d{4})([-/])(\d{1,2})\2(\d{1,2})`; // 2014-10-13 or 2014/10/13
const TIME = String.raw`(?:(?:[Tt]|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?`; // 16:50, 16:50:07.5
const OFFSET = String.raw`\s*(Z|z|[+-]\d{1,2}(?::?\d{2})?)?`; // Z, +02:00, -0500
const DATE_RE = new RegExp(`^${DAY}${TIME}${OFFSET}$`);

export type DateResult = { ok: true; epochMs: number } | { ok: false; reason: string };

export const DATE_FORMS =
  '2014-10-13, 2014-10-13 16:50, 2014-10-13 16:50:00, 2014-10-13T16:50:00+02:00 or 2014/10/13 16:50:00';

export function parseDate(value: unknown, zone: Zone): DateResult {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { ok: false, reason: 'is not a valid date' }
      : { ok: true, epochMs: value.getTime() };
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    return { ok: false, reason: `must be a date such as ${DATE_FORMS}` };
  }
  const text = String(value).trim();
  const match = DATE_RE.exec(text);
  if (!match) return { ok: false, reason: `"${text}" is not a date; use ${DATE_FORMS}` };
  const [, y, , mo, d, h, mi, s, fraction, offset] = match;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  if (!isValidWallTime(wall)) return { ok: false, reason: `"${text}" names a day or time that does not exist` };
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  if (offset === undefined) return { ok: true, epochMs: zone.instant(wall) + millis };
  const minutes = parseOffset(offset);
  if (minutes === undefined) return { ok: false, reason: `"${text}" has an invalid UTC offset` };
  return { ok: true, epochMs: utcOf(wall) + millis - minutes * 60_000 };
}

function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** A `YYYY-MM-DD-` file name prefix, read as midnight in the site's timezone. */
export function dateFromFileName(name: string, zone: Zone): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})-/.exec(name);
  if (!m) return undefined;
  const wall = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: 0, minute: 0, second: 0 };
  return isValidWallTime(wall) ? zone.instant(wall) : undefined;
}
