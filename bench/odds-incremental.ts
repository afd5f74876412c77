/**
 * The odds stage's query, full against incremental, on a database a replay left behind (bench/replay.ts with
 * --work and --schema). Each round commits `--prices` new dated prices on the upcoming matches (a day's
 * snapshots), then times the incremental load from the previous round's state and the full query, in
 * alternating order, checks both return the same rows, and prints wall time and the CPU of the PostgreSQL
 * backend that ran them (from /proc: the work is the server's sort, not this process's). Its own prices are
 * deleted at the end.
 *
 * Run: `BENCH_DATABASE_URL=postgres://… node --import tsx bench/odds-incremental.ts --schema name [--rounds 6]
 *       [--prices 300]`
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import {
  type LatestOdds,
  loadLatestPreKickoffOdds,
  loadLatestPreKickoffOddsSince,
} from '../src/db/latest-odds-repository.ts';
import { openDb } from '../src/db/open-db.ts';
import { PREFERRED_BOOKMAKERS } from '../src/domain/odds-history.ts';

const { values } = parseArgs({
  options: {
    schema: { type: 'string' },
    rounds: { type: 'string', default: '6' },
    prices: { type: 'string', default: '300' },
  },
});
const url = process.env.BENCH_DATABASE_URL;
if (!url || !values.schema) throw new Error('BENCH_DATABASE_URL and --schema are required');
// One connection, so every statement runs in the backend whose CPU is read.
const db = await openDb({ databaseUrl: url, schema: values.schema, maxConnections: 1 });
const BOOK = 'bench-odds-incremental';
const TICKS_PER_S = 100;

const [backend] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
const backendCpuS = () => {
  const fields = readFileSync(`/proc/${backend?.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
};

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; wallMs: number; serverCpuMs: number }> {
  const cpu0 = backendCpuS();
  const t0 = performance.now();
  const value = await fn();
  return { value, wallMs: performance.now() - t0, serverCpuMs: (backendCpuS() - cpu0) * 1000 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const full: { wallMs: number; serverCpuMs: number }[] = [];
const incremental: { wallMs: number; serverCpuMs: number }[] = [];
try {
  let state: LatestOdds = await loadLatestPreKickoffOddsSince(db, PREFERRED_BOOKMAKERS, null);
  for (let round = 0; round < Number(values.rounds); round++) {
    await db.query(
      `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
       SELECT match_id, $1, 'snapshot', start_time_utc - make_interval(mins => 60 + $2::int), 2.5, 3.3, 2.9
       FROM matches ORDER BY start_time_utc DESC LIMIT $3`,
      [BOOK, round, Number(values.prices)],
    );
    const runFull = () => timed(() => loadLatestPreKickoffOdds(db, PREFERRED_BOOKMAKERS));
    const runIncremental = () => timed(() => loadLatestPreKickoffOddsSince(db, PREFERRED_BOOKMAKERS, state));
    const [a, b] =
      round % 2 === 0
        ? [await runFull(), await runIncremental()]
        : await runIncremental().then(async (i) => [await runFull(), i] as const);
    if (!isDeepStrictEqual(a.value, [...b.value.rows])) throw new Error(`round ${round}: rows differ`);
    state = b.value;
    full.push(a);
    incremental.push(b);
    console.log(
      `round ${round}: full ${a.wallMs.toFixed(0)} ms wall / ${a.serverCpuMs.toFixed(0)} ms server CPU; ` +
        `incremental (${b.value.recomputedMatches} re-chosen) ${b.wallMs.toFixed(0)} ms / ${b.serverCpuMs.toFixed(0)} ms`,
    );
  }
  const line = (name: string, xs: typeof full) =>
    `${name}: median ${median(xs.map((x) => x.wallMs)).toFixed(0)} ms wall, ` +
    `${median(xs.map((x) => x.serverCpuMs)).toFixed(0)} ms server CPU`;
  console.log(`${state.rows.length} matches; ${line('full', full)}; ${line('incremental', incremental)}`);
} finally {
  await db.query('DELETE FROM odds WHERE bookmaker = $1', [BOOK]);
  await db.close();
}
