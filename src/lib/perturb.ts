/**
 * The changed conditions of `colophon build --check-determinism`'s second build (see
 * verify/determinism.ts). That build runs in a child process with COLOPHON_PERTURB set, and each
 * thread of it calls `perturbIfAsked` first: the clock runs decades ahead, Math.random is a seeded
 * generator, and the places that take files and bodies in turn take them in reverse. Nothing else
 * ever sets the variable; without it every function here leaves things as they are.
 */
export const PERTURB_ENV = 'COLOPHON_PERTURB';

/** How far the second build's clock is ahead: 40 years, 3 days, 7 hours and 11 minutes. */
export const CLOCK_SHIFT_MS = ((40 * 365 + 10 + 3) * 24 + 7) * 3_600_000 + 11 * 60_000;

const perturbed = () => process.env[PERTURB_ENV] === '1';
let installed = false;

export function perturbIfAsked(): void {
  if (installed || !perturbed()) return;
  installed = true;
  const RealDate = Date;
  const now = () => RealDate.now() + CLOCK_SHIFT_MS;
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget),
    apply: () => new RealDate(now()).toString(),
    get: (target, key, receiver) => (key === 'now' ? now : Reflect.get(target, key, receiver)),
  });
  let state = 0x2545f491;
  Math.random = () => {
    // mulberry32: any fixed generator will do, as long as it is not the first build's.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `items` in the order to take them in: as they are, or reversed in the second build. */
export function inTakingOrder<T>(items: readonly T[]): T[] {
  return perturbed() ? [...items].reverse() : [...items];
}
