/**
 * Dixon–Coles refit time for one league: a 20-team double round robin per season (380 matches), two seasons in
 * the window (760 matches), goals drawn from known strengths. Reports a cold fit (as the first fit of a league)
 * and a warm-started refit (the weekly refit of the feature table), median of many runs, wall and CPU time.
 *
 *   npx tsx bench/dixon-coles.ts [runs]
 */

import { loadParams } from '../src/config/params.ts';
import { seededRandom } from '../src/domain/seeded-random.ts';
import { type DixonColesGame, fitDixonColes } from '../src/features/dixon-coles.ts';

const runs = Number(process.argv[2] ?? 50);
const params = loadParams().features.dixon_coles;
const random = seededRandom(1);
const poisson = (rate: number): number => {
  const limit = Math.exp(-rate);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
};

const TEAMS = 20;
const strength = Array.from({ length: TEAMS }, () => (random() - 0.5) * 0.8);
const games: DixonColesGame[] = [];
for (let season = 0; season < 2; season++) {
  let day = season * 365;
  for (let h = 0; h < TEAMS; h++) {
    for (let a = 0; a < TEAMS; a++) {
      if (h === a) continue;
      const lambda = Math.exp(0.25 + (strength[h] as number) - (strength[a] as number) / 2);
      const mu = Math.exp(0.05 + (strength[a] as number) - (strength[h] as number) / 2);
      day += 0.7;
      games.push({ home: h, away: a, homeGoals: poisson(lambda), awayGoals: poisson(mu), day });
    }
  }
}
const nowDays = (games.at(-1) as DixonColesGame).day + 1;

function median(f: () => void): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { wall: mid(walls), cpu: mid(cpus) };
}

const options = { xi: params.xi, nowDays, prior: params.prior };
const cold = median(() => fitDixonColes(games, TEAMS, { ...options, sweeps: params.sweeps * 4 }));
const start = fitDixonColes(games, TEAMS, { ...options, sweeps: params.sweeps * 4 });
const warm = median(() => fitDixonColes(games, TEAMS, { ...options, sweeps: params.sweeps, start }));
const fmt = (r: { wall: number; cpu: number }) => `${r.wall.toFixed(2)} ms wall, ${r.cpu.toFixed(2)} ms CPU`;
console.log(`Dixon–Coles, ${games.length} matches, ${TEAMS} teams (median of ${runs})`);
console.log(`  cold fit (${params.sweeps * 4} sweeps): ${fmt(cold)}`);
console.log(`  warm refit (${params.sweeps} sweeps): ${fmt(warm)}`);
console.log(`  rho ${start.rho.toFixed(3)}, home ${Math.exp(start.home).toFixed(3)}`);
