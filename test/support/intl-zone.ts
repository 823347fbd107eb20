import type { WallTime } from '../../src/lib/zone.ts';

/**
 * What Intl says about one zone, read independently of src/lib/zone.ts: wall times from numeric parts,
 * offsets from them, and every offset transition in a span found by sampling and bisection.
 */
export interface IntlZone {
  wall(epochMs: number): WallTime;
  /** Seconds east of UTC, from the numeric parts. */
  offset(epochMs: number): number;
  transitions(from: number, to: number, step: number): Transition[];
}

export interface Transition {
  at: number; // the first whole second of the new offset
  before: number; // offsets in seconds
  after: number;
}

export function intlZone(name: string): IntlZone {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: name,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Only compared, never parsed: a cheap way to see that the offset changed ("GMT+05:30", seconds
  // included when it has them). Formatting five times fewer fields is what makes the scan affordable.
  const label = new Intl.DateTimeFormat('en-US', { timeZone: name, year: 'numeric', timeZoneName: 'longOffset' });
  const offsetLabel = (t: number) => {
    const text = label.format(t);
    return text.slice(text.indexOf('GMT'));
  };

  function wall(epochMs: number): WallTime {
    const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of parts.formatToParts(epochMs)) {
      if (part.type in out) out[part.type as keyof WallTime] = Number(part.value);
    }
    return out;
  }

  function offset(epochMs: number): number {
    const floored = Math.floor(epochMs / 1000) * 1000;
    const w = wall(floored);
    return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - floored) / 1000;
  }

  /** Bisects [lo, hi] (labels differ at its ends) down to the second, finding every change inside. */
  function bisect(lo: number, loLabel: string, hi: number, hiLabel: string, found: number[]): void {
    if (hi - lo <= 1000) {
      found.push(hi);
      return;
    }
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    const midLabel = offsetLabel(mid);
    if (midLabel !== loLabel) bisect(lo, loLabel, mid, midLabel, found);
    if (midLabel !== hiLabel) bisect(mid, midLabel, hi, hiLabel, found);
  }

  function transitions(from: number, to: number, step: number): Transition[] {
    const found: number[] = [];
    let lo = from;
    let loLabel = offsetLabel(lo);
    while (lo < to) {
      const hi = Math.min(lo + step, to);
      const hiLabel = offsetLabel(hi);
      if (hiLabel !== loLabel) bisect(lo, loLabel, hi, hiLabel, found);
      [lo, loLabel] = [hi, hiLabel];
    }
    return found.map((at) => ({ at, before: offset(at - 1000), after: offset(at) }));
  }

  return { wall, offset, transitions };
}

export const utcOfWall = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

export function wallOfUtc(ms: number): WallTime {
  const d = new Date(ms);
  const [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  return { year, month, day, hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

export const sameWall = (a: WallTime, b: WallTime) =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute &&
  a.second === b.second;

export const showWall = (w: WallTime) =>
  `${w.year}-${w.month}-${w.day} ${w.hour}:${String(w.minute).padStart(2, '0')}:${String(w.second).padStart(2, '0')}`;
