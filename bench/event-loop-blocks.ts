/**
 * How long the event loop is held, where the API and the pipeline share a process (`matchcast up`): the Parquet
 * artifacts read whole (the API reloads the feature table and the predictions when they change), the three large
 * database reads of a quarter-hour job in a new process (every match record, the honest past predictions, their
 * match details) and the odds stage's first read, then the live_betting stage forced, which reads the cards, bootstraps every ROI and reads the bets' odds history. A 5 ms
 * timer notes every gap; prints each part's wall time, its longest block and its blocks over 100 ms.
 *
 * Run on the DATA_DIR of a `matchcast up --data …` (the shared football-data history is the case that matters):
 *   DATA_DIR=/tmp/realrun/var node --import tsx bench/event-loop-blocks.ts
 */
import { openDatabase } from '../src/cli/config-and-database.ts';
import { loadConfig } from '../src/config/config.ts';
import { loadLatestPreKickoffOdds } from '../src/db/latest-odds-repository.ts';
import { loadMatchDetails } from '../src/db/match-details-repository.ts';
import { loadMatchRecords } from '../src/db/match-repository.ts';
import { honestPastPredictionsSince } from '../src/db/prediction-log-repository.ts';
import { type ColumnKind, FEATURE_KEY_COLUMNS } from '../src/domain/artifact-columns.ts';
import { ARTIFACT_KEYS } from '../src/domain/artifacts.ts';
import { PREFERRED_BOOKMAKERS } from '../src/domain/odds-history.ts';
import { createPipeline } from '../src/pipelines/run/pipeline.ts';
import { pipelineDeps } from '../src/pipelines/run/pipeline-services.ts';
import { predictionColumns, predictionRows } from '../src/storage/artifacts/artifact-tables.ts';
import {
  type Column,
  decodeParquet,
  encodeParquet,
  type Table,
} from '../src/storage/parquet/parquet-file.ts';

const TICK_MS = 5;

/** Runs `work` beside a timer; the gaps between its ticks are how long the loop was held. */
async function blocksOf(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, TICK_MS);
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  // One more tick, so a block that ends with the work is counted.
  await new Promise((resolve) => setTimeout(resolve, TICK_MS * 2));
  clearInterval(timer);
  const sorted = [...gaps].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms);
  return {
    wall_ms: round(wallMs),
    longest_block_ms: round(sorted.at(-1) ?? 0),
    p99_gap_ms: round(sorted[Math.floor(0.99 * (sorted.length - 1))] ?? 0),
    blocks_over_100_ms: gaps.filter((g) => g > 100).length,
  };
}

/** The columns the pipeline writes for `key`, as the features and batch-inference stages build them. */
function encodedColumns(key: string, table: Table): Column[] | null {
  if (key === ARTIFACT_KEYS.predictions) return predictionColumns(predictionRows(table));
  if (key !== ARTIFACT_KEYS.features) return null;
  const keyKinds = new Map<string, ColumnKind>(FEATURE_KEY_COLUMNS);
  return Object.entries(table).map(([name, values]) => {
    const kind = keyKinds.get(name);
    return kind === undefined
      ? { name, kind: 'double', values: Float64Array.from(values as number[]) }
      : { name, kind, values };
  });
}

const config = loadConfig(process.env);
const db = await openDatabase(config);
const deps = pipelineDeps(config, db);
for (const key of [ARTIFACT_KEYS.features, ARTIFACT_KEYS.predictions, ARTIFACT_KEYS.odds]) {
  const bytes = (await deps.store.get(key))?.body;
  if (bytes === undefined)
    throw new Error(`${key} is missing: run matchcast up (or pipeline run) on this DATA_DIR first`);
  let table: Table = {};
  const figures = await blocksOf(async () => {
    table = await decodeParquet(bytes);
  });
  const rows = Object.values(table)[0]?.length ?? 0;
  console.log(JSON.stringify({ bench: 'event-loop-blocks', part: `decode ${key}`, rows, ...figures }));
  // The features and predictions are written again by each quarter-hour job whose data changed.
  const columns = encodedColumns(key, table);
  if (columns === null) continue;
  const encoded = await blocksOf(() => encodeParquet(columns));
  console.log(JSON.stringify({ bench: 'event-loop-blocks', part: `encode ${key}`, rows, ...encoded }));
}
// The honest past's matches are what batch inference reads the details of.
const past = await honestPastPredictionsSince(db, new Date(), null);
const reads: [string, () => Promise<number>][] = [
  ['read match records', async () => (await loadMatchRecords(db)).length],
  [
    'read honest past predictions',
    async () => (await honestPastPredictionsSince(db, new Date(), null)).byMatch.size,
  ],
  ['read their match details', async () => (await loadMatchDetails(db, past.byMatch.keys())).size],
  [
    'read the latest pre-kick-off prices',
    async () => (await loadLatestPreKickoffOdds(db, PREFERRED_BOOKMAKERS)).length,
  ],
];
for (const [part, read] of reads) {
  let rows = 0;
  const figures = await blocksOf(async () => {
    rows = await read();
  });
  console.log(JSON.stringify({ bench: 'event-loop-blocks', part, rows, ...figures }));
}
const pipeline = createPipeline(deps);
const stage = await blocksOf(() => pipeline.run({ only: ['live_betting'], force: true }));
console.log(JSON.stringify({ bench: 'event-loop-blocks', part: 'stage live_betting (forced)', ...stage }));
await db.close();
