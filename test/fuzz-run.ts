import { parseArgs } from 'node:util';
import { checkSite, fc, siteArbitrary } from './support/fuzz-property.ts';

// npm run fuzz -- --runs 10000 [--seed N]: the fuzz property with as many cases as asked.
const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, seed: { type: 'string' } } });
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
const started = performance.now();
const result = await fc.check(fc.asyncProperty(siteArbitrary, checkSite), { numRuns: Number(values.runs), seed });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (result.failed) {
  console.log(`FAILED after ${result.numRuns} cases (seed ${seed}, ${seconds} s):\n${fc.defaultReportMessage(result)}`);
  process.exitCode = 1;
} else {
  console.log(`${result.numRuns} cases passed (seed ${seed}, ${seconds} s)`);
}
