/**
 * Wall-clock arithmetic in an IANA timezone from numeric parts only. Intl's formatted strings vary
 * between ICU versions, so they never reach output; we read numbers from formatToParts and print them
 * ourselves.
 */
export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface Zone {
  readonly name: string;
  /** Offset from UTC in seconds at the given instant (east positive); local mean time has seconds. */
  offsetAt(epochMs: number): number;
  wallTime(epochMs: number): WallTime;
  /** The instant a wall time names; a time skipped by a DST change moves forward by the gap. */
  instant(wall: WallTime): number;
}

const HOUR = 3_600_000;
const QUARTER_HOUR = 900_000;
/**
 * No zone changes its offset twice within this span, so when both ends of one agree, so does every
 * instant in it. The closest two changes of one zone from 1900 to 2100 are 167 hours apart (Recife in
 * 2000, Gaza in 2040); test/unit/lib/zone.test.ts finds every change of every zone and checks this.
 */
export const STEADY_SPAN = 48 * HOUR;

/**
 * An IANA name as written in the tz database ("Europe/Berlin", "UTC"). Intl also takes abbreviations
 * and any letter case, and which of those it takes varies between ICU versions, so we don't.
 */
export function isValidTimezone(name: string): boolean {
  if (name !== 'UTC' && !/^[A-Z][A-Za-z_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A zone is a pure function of its name, so one per name serves every stage of every build and
 * refresh in this process, with its offset memo and its formatter made once.
 */
const zones = new Map<string, Zone>();

export function createZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = makeZone(name); // an unknown name throws here and is not kept
    zones.set(name, zone);
  }
  return zone;
}

function makeZone(name: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
    numberingSystem: 'latn',
  });

  function partsAt(epochMs: number): WallTime {
    const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    let bc = false;
    for (const part of format.formatToParts(epochMs)) {
      if (part.type === 'era') bc = part.value === 'BC' || part.value === 'B';
      else if (part.type in wall) wall[part.type as keyof WallTime] = Number(part.value);
    }
    if (bc) wall.year = 1 - wall.year;
    return wall;
  }

  /** Whole seconds: offsets of local mean time have them (Monrovia's -0:44:30 lasted until 1972). */
  function exactOffset(epochMs: number): number {
    const floored = Math.floor(epochMs / 1000) * 1000;
    return (utcOf(partsAt(floored)) - floored) / 1000;
  }

  // Formatting is the costly part. So: one lookup per steady span when both its ends agree, else one
  // per quarter hour when its ends agree (the one change is elsewhere), else an exact lookup.
  const spans = [new Map<number, number | null>(), new Map<number, number | null>()];
  function steady(level: 0 | 1, epochMs: number): number | null {
    const size = level === 0 ? STEADY_SPAN : QUARTER_HOUR;
    const bucket = Math.floor(epochMs / size);
    let offset = spans[level]!.get(bucket);
    if (offset === undefined) {
      const first = exactOffset(bucket * size);
      offset = first === exactOffset((bucket + 1) * size - 1) ? first : null;
      spans[level]!.set(bucket, offset);
    }
    return offset;
  }
  function offsetAt(epochMs: number): number {
    if (name === 'UTC') return 0; // the default: thousands of dates need no formatter
    return steady(0, epochMs) ?? steady(1, epochMs) ?? exactOffset(epochMs);
  }

  function wallTime(epochMs: number): WallTime {
    return shiftedWall(epochMs, offsetAt(epochMs));
  }

  function instant(wall: WallTime): number {
    // Every instant showing this wall time lies within 16 hours of it, and no span of 48 hours holds
    // two changes: the offsets a day before and a day after are the only candidates.
    const local = utcOf(wall);
    const before = offsetAt(local - 24 * HOUR);
    const after = offsetAt(local + 24 * HOUR);
    const early = local - before * 1000;
    const late = local - after * 1000;
    // Two candidate offsets; a wall time that exists maps back to itself under its own offset.
    if (offsetAt(early) === before) return early; // also the earlier of two in a repeated hour
    if (offsetAt(late) === after) return late;
    return early; // in a gap: read with the offset before the change, i.e. shifted forward
  }

  return { name, offsetAt, wallTime, instant };
}

/** The wall time `offset` seconds east of UTC at an instant (floored to the second). */
function shiftedWall(epochMs: number, offset: number): WallTime {
  const shifted = new Date(Math.floor(epochMs / 1000) * 1000 + offset * 1000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

export function utcOf(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A number with leading zeros: pad(7) is "07", pad(987, 4) is "0987". */
export const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "October 13, 2014 at 04:50 PM" */
export function formatLong(wall: WallTime): string {
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  const meridiem = wall.hour < 12 ? 'AM' : 'PM';
  return `${MONTHS[wall.month - 1]} ${pad(wall.day)}, ${wall.year} at ${pad(hour12)}:${pad(wall.minute)} ${meridiem}`;
}

/** "October 2014", for archive headings. */
export function formatMonth(year: number, month: number): string {
  return `${MONTHS[month - 1]} ${year}`;
}

/**
 * ISO 8601 with the zone's offset: "2014-10-13T16:50:00-07:00". RFC 3339 (and so sitemaps and feeds)
 * takes offsets in whole minutes: an offset with seconds, which only local mean time had, is rounded
 * to the minute and the wall time printed in it, so the text still names the exact instant.
 */
export function formatIso(zone: Zone, epochMs: number): string {
  const exact = zone.offsetAt(epochMs);
  const offset = Math.round(exact / 60);
  const wall = offset * 60 === exact ? zone.wallTime(epochMs) : shiftedWall(epochMs, offset * 60);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function isValidWallTime(wall: WallTime): boolean {
  const { year, month, day, hour, minute, second } = wall;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
