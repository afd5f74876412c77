/**
 * The evaluate stage's market views (model-market.ts) on a database a replay left: the 1X2 and over/under prices of
 * the preferred books, then the calls evaluate makes (closing market of the test window under every margin method,
 * pre-match market and Pinnacle since stack_from, over/under closing and pre-match), without the margin memo and
 * with a warm one (as on a replay's later retraining days), alternating; prints the CPU of each and whether the
 * serialised outputs are equal.
 *
 * Run: `BENCH_DATABASE_URL=postgres://… node --import tsx bench/market-views.ts --schema name [--rounds 4]`
 */
import { parseArgs } from 'node:util';
import { loadParams } from '../src/config/params.ts';
import { openDb } from '../src/db/open-db.ts';
import { MARGIN_METHODS } from '../src/domain/margin-removal.ts';
import {
  loadMarketOdds,
  loadMarketOverUnder,
  MARKET_PREFERENCE,
  type MarginMemo,
  marketProbabilities,
  OVER_UNDER_CLOSING,
  OVER_UNDER_PRE_MATCH,
  overProbabilities,
  PRE_MATCH_PREFERENCE,
  preMatchDetail,
} from '../src/pipelines/evaluation/model-market.ts';

const { values } = parseArgs({
  options: { schema: { type: 'string' }, rounds: { type: 'string', default: '4' } },
});
const url = process.env.BENCH_DATABASE_URL;
if (!url || !values.schema) throw new Error('BENCH_DATABASE_URL and --schema are required');
const params = loadParams();
const method = params.evaluate.margin_method;
const db = await openDb({ databaseUrl: url, schema: values.schema });
const finishedSince = async (day: string) =>
  new Set(
    (
      await db.query<{ id: number }>(
        `SELECT match_id AS id FROM matches WHERE status = 'finished' AND start_time_utc >= $1`,
        [`${day}T00:00:00Z`],
      )
    ).map((r) => Number(r.id)),
  );
const [odds, overUnder, window, priced] = await Promise.all([
  loadMarketOdds(db),
  loadMarketOverUnder(db),
  finishedSince(params.evaluate.test_from),
  finishedSince(params.evaluate.stack_from),
]);
await db.close();
console.log(
  `${odds.length} 1X2 and ${overUnder.length} over/under prices; ${window.size} matches since test_from, ${priced.size} since stack_from`,
);

function views(memo: MarginMemo | undefined): string {
  const out = [
    marketProbabilities(odds, method, MARKET_PREFERENCE, window, memo),
    marketProbabilities(odds, method, PRE_MATCH_PREFERENCE, priced, memo),
    preMatchDetail(odds, method, priced, memo),
    ...MARGIN_METHODS.map((m) => marketProbabilities(odds, m, MARKET_PREFERENCE, window, memo)),
    ...[OVER_UNDER_CLOSING, OVER_UNDER_PRE_MATCH].map((p) =>
      overProbabilities(overUnder, method, p, window, memo),
    ),
  ];
  return JSON.stringify(out.map((m) => [...m]));
}

function cpuOf(run: () => string): { readonly output: string; readonly seconds: number } {
  const start = process.cpuUsage();
  const output = run();
  const used = process.cpuUsage(start);
  return { output, seconds: (used.user + used.system) / 1e6 };
}

const memo: MarginMemo = new Map();
const reference = views(memo);
for (let round = 0; round < Number(values.rounds); round++) {
  const without = cpuOf(() => views(undefined));
  const warm = cpuOf(() => views(memo));
  console.log(
    `round ${round + 1}: without the memo ${without.seconds.toFixed(2)} s CPU, warm memo ${warm.seconds.toFixed(2)} s CPU, outputs equal ${without.output === reference && warm.output === reference}`,
  );
}
