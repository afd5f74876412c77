/**
 * The API's track records on an existing data folder (after `matchcast up --data …` or `npm start`): reading a
 * record's data version, grading each unfiltered record through the API's service (as the background grading
 * does), and answering from its cache, with the longest hold of the event loop while grading (a 5 ms timer notes
 * every gap: what any other request on the API's process waits at most). Nothing is written to the folder's
 * database.
 * Stop the server using the folder first (the embedded database has one user).
 *
 *   node --import tsx bench/track-records.ts --data-dir /tmp/upbase [--rounds 5]
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { createTrackRecords } from '../src/api/services/track-records.ts';
import { loadParams, trackRecordRulesOf } from '../src/config/params.ts';
import { openDb } from '../src/db/open-db.ts';
import { trackRecordDataVersion } from '../src/db/track-record-repository.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const dataDir = flag('--data-dir');
if (dataDir === undefined)
  throw new Error('--data-dir is required: the DATA_DIR of a system that ran its pipeline');
const rounds = Number(flag('--rounds') ?? 5);
const TICK_MS = 5;

const db = await openDb({ dataDir: join(dataDir, 'db') });
const records = createTrackRecords({
  db,
  rules: trackRecordRulesOf(loadParams()),
  logger: pino({ level: 'silent' }),
});
const ms = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

try {
  for (const backtest of [false, true]) {
    const versionMs: number[] = [];
    for (let i = 0; i < rounds; i++) versionMs.push(await ms(() => trackRecordDataVersion(db, backtest)));
    let matches = 0;
    let longestBlockMs = 0;
    let last = performance.now();
    const tick = setInterval(() => {
      const now = performance.now();
      longestBlockMs = Math.max(longestBlockMs, now - last - TICK_MS);
      last = now;
    }, TICK_MS);
    const gradeMs = await ms(async () => {
      matches = (await records.get({}, backtest)).matches_predicted;
    });
    clearInterval(tick);
    const cachedMs: number[] = [];
    for (let i = 0; i < rounds; i++) cachedMs.push(await ms(() => records.get({}, backtest)));
    console.log(
      JSON.stringify({
        record: backtest ? 'backtest' : 'published',
        matches,
        version_read_ms_median: Number(median(versionMs).toFixed(2)),
        graded_s: Number((gradeMs / 1000).toFixed(2)),
        longest_block_ms: Math.round(longestBlockMs),
        cached_ms_median: Number(median(cachedMs).toFixed(2)),
        rounds,
      }),
    );
  }
} finally {
  await records.close();
  await db.close();
}
