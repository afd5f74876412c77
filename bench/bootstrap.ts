/**
 * What the ROI's bootstrap interval costs (`roiInterval`, src/domain/staking.ts: 2,000 resamples with the seeded
 * mulberry32 generator), on a flat-stake bet history the size of the shared data's whole backtest (70,000 bets,
 * about a third won at odds 1.5–4.5), and how fast the generator itself draws. Median of the rounds; the interval
 * is printed so a change that alters the draws shows.
 *
 *   node --import tsx bench/bootstrap.ts [--bets 70000] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/domain/seeded-random.ts';
import { roiInterval } from '../src/domain/staking.ts';
import { median } from './support/paired-rounds.ts';

const { values } = parseArgs({
  options: { bets: { type: 'string', default: '70000' }, rounds: { type: 'string', default: '5' } },
});
const draw = seededRandom(9);
const bets = Array.from({ length: Number(values.bets) }, () => ({
  staked: 1,
  profit: draw() < 0.32 ? 0.5 + 3 * draw() : -1,
}));

const intervalMs: number[] = [];
let interval: [number, number] | null = null;
for (let round = 0; round < Number(values.rounds); round++) {
  const started = performance.now();
  interval = roiInterval(bets, { resamples: 2000, seed: 1 });
  intervalMs.push(performance.now() - started);
}

const DRAWS = 20_000_000;
const drawNs: number[] = [];
for (let round = 0; round < Number(values.rounds); round++) {
  const random = seededRandom(round);
  let sum = 0;
  const started = performance.now();
  for (let i = 0; i < DRAWS; i++) sum += random();
  drawNs.push(((performance.now() - started) * 1e6) / DRAWS);
  if (sum === 0) throw new Error('nothing drawn');
}

process.stdout.write(
  `${JSON.stringify({
    bets: bets.length,
    resamples: 2000,
    roi_interval_ms_median: Math.round(median(intervalMs)),
    interval,
    seeded_random_ns_per_draw_median: Number(median(drawNs).toFixed(2)),
  })}\n`,
);
