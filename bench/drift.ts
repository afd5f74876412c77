/**
 * Drift statistics: PSI and KS of 40 features on 50,000 reference and 1,500 current rows (monitor_drift's
 * largest case), computed separately (each sorts the reference) against `psiAndKs` (each sample sorted once).
 * Prints the median CPU of 6 alternating rounds. Run: `node --import tsx bench/drift.ts`
 */
import {
  ksTwoSample,
  populationStabilityIndex,
  psiAndKs,
} from '../src/pipelines/reports/drift-statistics.ts';

const FEATURES = 40;
const reference = Array.from({ length: 50_000 }, () => Math.random());
const current = Array.from({ length: 1_500 }, () => Math.random() + 0.05);
const cpuMs = (f: () => void) => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const separate: number[] = [];
const once: number[] = [];
for (let round = 0; round < 6; round++) {
  separate.push(
    cpuMs(() => {
      for (let f = 0; f < FEATURES; f++) {
        populationStabilityIndex(reference, current, 10);
        ksTwoSample(reference, current);
      }
    }),
  );
  once.push(
    cpuMs(() => {
      for (let f = 0; f < FEATURES; f++) psiAndKs(reference, current, 10);
    }),
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
console.log(
  `${FEATURES} features × ${reference.length} reference rows: separately ${median(separate).toFixed(0)} ms CPU, ` +
    `sorted once ${median(once).toFixed(0)} ms CPU (medians of 6 alternating rounds)`,
);
