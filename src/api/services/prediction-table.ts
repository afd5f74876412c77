/**
 * predictions/predictions.parquet in memory: one compact record per match, in file order, and an index by
 * match_id. Rows whose model had seen the match (trained_until ≥ kick-off for a match already played) are
 * dropped here, so no route can ever show a leaked probability.
 */
import { argmaxClass, labelOf, OUTCOME_LABELS, type OutcomeClass } from '../../domain/outcome.ts';
import type { Table } from '../../storage/parquet.ts';
import { chunkTable, readParquetChunks } from './parquet-chunks.ts';
import {
  booleanAt,
  createInterner,
  isoAt,
  nullableNumberAt,
  numberAt,
  optionalColumn,
  requiredColumn,
} from './table-columns.ts';

export interface MatchPrediction {
  readonly match_id: number;
  readonly home_team_name: string | null;
  readonly away_team_name: string | null;
  readonly start_time_utc: string;
  readonly start_ms: number;
  readonly region_id: number | null;
  readonly region_name: string | null;
  readonly sex: number | null;
  readonly status: string | null;
  readonly home_score: number | null;
  readonly away_score: number | null;
  readonly proba_home: number;
  readonly proba_draw: number;
  readonly proba_away: number;
  readonly predicted_class: OutcomeClass;
  readonly predicted_label: string;
  readonly is_future: boolean | null;
  readonly model_stage: string | null;
  readonly model_run_id: string | null;
  readonly computed_at: string | null;
}

export interface PredictionTable {
  readonly rows: readonly MatchPrediction[];
  readonly byId: ReadonlyMap<number, MatchPrediction>;
  /** Rows refused because their model was trained on data that included the match. */
  readonly leakedRowsDropped: number;
}

const COLUMNS = [
  'match_id',
  'start_time_utc',
  'proba_home',
  'proba_draw',
  'proba_away',
  'home_team_name',
  'away_team_name',
  'region_id',
  'region_name',
  'sex',
  'status',
  'home_score',
  'away_score',
  'predicted_class',
  'is_future',
  'model_stage',
  'model_run_id',
  'computed_at',
  'trained_until',
];

interface Accumulator {
  readonly rows: MatchPrediction[];
  readonly byId: Map<number, MatchPrediction>;
  readonly intern: ReturnType<typeof createInterner>;
  readonly now: number;
  leaked: number;
}

export async function parsePredictions(body: Buffer): Promise<PredictionTable> {
  const acc: Accumulator = {
    rows: [],
    byId: new Map(),
    intern: createInterner(),
    now: Date.now(),
    leaked: 0,
  };
  await readParquetChunks(
    body,
    () => undefined,
    (chunk) => addRows(acc, chunkTable(chunk, COLUMNS), chunk.rows),
  );
  return { rows: acc.rows, byId: acc.byId, leakedRowsDropped: acc.leaked };
}

function addRows(acc: Accumulator, table: Table, n: number): void {
  const { rows, byId, intern, now } = acc;
  const id = requiredColumn(table, 'match_id');
  const start = requiredColumn(table, 'start_time_utc');
  const ph = requiredColumn(table, 'proba_home');
  const pd = requiredColumn(table, 'proba_draw');
  const pa = requiredColumn(table, 'proba_away');
  const col = (name: string) => optionalColumn(table, name, n);
  const [home, away, region, regionName, sex, status, hs, as, cls, future, stage, runId, computed, trained] =
    [
      col('home_team_name'),
      col('away_team_name'),
      col('region_id'),
      col('region_name'),
      col('sex'),
      col('status'),
      col('home_score'),
      col('away_score'),
      col('predicted_class'),
      col('is_future'),
      col('model_stage'),
      col('model_run_id'),
      col('computed_at'),
      col('trained_until'),
    ];
  for (let i = 0; i < n; i++) {
    const startText = isoAt(start, i);
    const startMs = startText === null ? Number.NaN : Date.parse(startText);
    if (!Number.isFinite(startMs)) throw new Error(`row ${i}: start_time_utc is not a timestamp`);
    const trainedText = isoAt(trained, i);
    const isFuture = booleanAt(future, i) ?? startMs > now;
    if (!isFuture && trainedText !== null && Date.parse(trainedText) >= startMs) {
      acc.leaked++;
      continue;
    }
    const probs = [
      numberAt(ph, i, 'proba_home'),
      numberAt(pd, i, 'proba_draw'),
      numberAt(pa, i, 'proba_away'),
    ] as const;
    const given = nullableNumberAt(cls, i);
    const predicted = (
      given === 0 || given === 1 || given === 2 ? given : argmaxClass(probs)
    ) as OutcomeClass;
    const row: MatchPrediction = {
      match_id: numberAt(id, i, 'match_id'),
      home_team_name: intern(home[i]),
      away_team_name: intern(away[i]),
      start_time_utc: startText as string,
      start_ms: startMs,
      region_id: nullableNumberAt(region, i),
      region_name: intern(regionName[i]),
      sex: nullableNumberAt(sex, i),
      status: intern(status[i]),
      home_score: nullableNumberAt(hs, i),
      away_score: nullableNumberAt(as, i),
      proba_home: probs[0],
      proba_draw: probs[1],
      proba_away: probs[2],
      predicted_class: predicted,
      predicted_label: OUTCOME_LABELS[predicted] ?? labelOf(predicted),
      is_future: isFuture,
      model_stage: intern(stage[i]),
      model_run_id: intern(runId[i]),
      computed_at: intern(computed[i]),
    };
    rows.push(row);
    byId.set(row.match_id, row);
  }
}
