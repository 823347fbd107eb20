import { it } from 'node:test';
import { checkSite, fc, siteArbitrary } from './support/fuzz-property.ts';

// A fixed seed keeps CI repeatable; `npm run fuzz -- --runs 10000` explores with fresh seeds.
it('builds any generated site or fails with Colophon errors, writes only its output, and is deterministic', async () => {
  await fc.assert(fc.asyncProperty(siteArbitrary, checkSite), {
    numRuns: Number(process.env.FUZZ_RUNS ?? 120),
    seed: 20261127,
  });
});
