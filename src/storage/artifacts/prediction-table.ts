/**
 * predictions/predictions.parquet in memory, column-major: typed arrays for numbers and instants, dictionary
 * codes for repeated names, and a sorted index by match_id; a row object is built only when asked for. 200,000 matches
 * take about 30 MB this way instead of well over 100 MB as objects. Rows of a match already played that the
 * leakage rule (src/domain/leakage-rule.ts) does not allow are dropped here, so no route can ever show a leaked
 * probability.
 */
import { columnNames, PREDICTION_COLUMNS } from '../../domain/artifact-columns.ts';
import { isHonestFor } from '../../domain/leakage-rule.ts';
import {
  argmaxClass,
  labelOf,
  OUTCOME_LABELS,
  type OutcomeClass,
  type OutcomeLabel,
} from '../../domain/outcome.ts';
import {
  type ChunkColumn,
  type ChunkTable,
  chunkTable,
  type ParquetChunkReader,
} from '../parquet/decoder-pool.ts';
import {
  booleanAt,
  DictionaryColumn,
  IdIndex,
  instantOf,
  NullableIntColumn,
  nullableNumberAt,
  numberAt,
  optionalColumn,
  requiredColumn,
  TimestampColumn,
  textAt,
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
  /** Over 2.5 goals and both teams to score (Dixon–Coles on earlier results); null when the artifact has none. */
  readonly proba_over_2_5: number | null;
  readonly proba_btts: number | null;
  /** Each team's earlier matches when the probability was computed; null when the artifact does not say. */
  readonly home_matches_played: number | null;
  readonly away_matches_played: number | null;
  readonly predicted_class: OutcomeClass;
  readonly predicted_label: OutcomeLabel;
  readonly is_future: boolean | null;
  readonly model_stage: string | null;
  readonly model_run_id: string | null;
  readonly computed_at: string | null;
}

/** What a row is built from; the rest (start_ms, predicted_label) follows from it. */
export type PredictionInput = Omit<MatchPrediction, 'start_ms' | 'predicted_label'>;

export interface PredictionTable {
  /** Rows kept, in file order. */
  readonly size: number;
  /** Rows refused because their model was trained on data that included the match. */
  readonly leakedRowsDropped: number;
  /** Row `i` in file order. */
  row(i: number): MatchPrediction;
  /** The match's row, or undefined for an unknown match. */
  get(matchId: number): MatchPrediction | undefined;
  /** Filter keys, read without building the row. */
  startMs(i: number): number;
  isFuture(i: number): boolean | null;
  regionId(i: number): number | null;
}

export interface PredictionTableBuilder {
  add(row: PredictionInput): void;
  build(leakedRowsDropped: number): PredictionTable;
}

const NULL_BOOLEAN = -1;

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** A stored probability, or null when the cell is empty or not a probability (never a bad number on a card). */
function probabilityOrNull(column: ChunkColumn, i: number): number | null {
  const v = nullableNumberAt(column, i);
  return v !== null && v >= 0 && v <= 1 ? v : null;
}

/** Holds up to `capacity` rows. */
export function createPredictionTableBuilder(capacity: number): PredictionTableBuilder {
  const ids = new Float64Array(capacity);
  const start = new TimestampColumn(capacity);
  const computed = new TimestampColumn(capacity);
  const probabilities = new Float64Array(capacity * 3);
  // NaN stands for null.
  const goalMarkets = new Float64Array(capacity * 2);
  const predicted = new Uint8Array(capacity);
  const future = new Int8Array(capacity).fill(NULL_BOOLEAN);
  const [region, sex, homeScore, awayScore, homePlayed, awayPlayed] = [1, 2, 3, 4, 5, 6].map(
    () => new NullableIntColumn(capacity),
  ) as [
    NullableIntColumn,
    NullableIntColumn,
    NullableIntColumn,
    NullableIntColumn,
    NullableIntColumn,
    NullableIntColumn,
  ];
  const [home, away, regionName, status, stage, runId] = [1, 2, 3, 4, 5, 6].map(
    () => new DictionaryColumn(capacity),
  ) as [
    DictionaryColumn,
    DictionaryColumn,
    DictionaryColumn,
    DictionaryColumn,
    DictionaryColumn,
    DictionaryColumn,
  ];
  let size = 0;

  const isFuture = (i: number) => {
    const f = future[i];
    return f === undefined || f === NULL_BOOLEAN ? null : f === 1;
  };

  function row(i: number): MatchPrediction {
    const cls = (predicted[i] ?? 0) as OutcomeClass;
    return {
      match_id: ids[i] as number,
      home_team_name: home.get(i),
      away_team_name: away.get(i),
      start_time_utc: start.text(i) as string,
      start_ms: start.ms(i),
      region_id: region.get(i),
      region_name: regionName.get(i),
      sex: sex.get(i),
      status: status.get(i),
      home_score: homeScore.get(i),
      away_score: awayScore.get(i),
      proba_home: probabilities[3 * i] as number,
      proba_draw: probabilities[3 * i + 1] as number,
      proba_away: probabilities[3 * i + 2] as number,
      proba_over_2_5: orNull(goalMarkets[2 * i] as number),
      proba_btts: orNull(goalMarkets[2 * i + 1] as number),
      home_matches_played: homePlayed.get(i),
      away_matches_played: awayPlayed.get(i),
      predicted_class: cls,
      predicted_label: OUTCOME_LABELS[cls] ?? labelOf(cls),
      is_future: isFuture(i),
      model_stage: stage.get(i),
      model_run_id: runId.get(i),
      computed_at: computed.text(i),
    };
  }

  return {
    add(r) {
      if (size >= capacity) throw new Error(`the prediction table holds ${capacity} rows`);
      const i = size++;
      ids[i] = r.match_id;
      start.set(i, r.start_time_utc);
      computed.set(i, r.computed_at);
      probabilities[3 * i] = r.proba_home;
      probabilities[3 * i + 1] = r.proba_draw;
      probabilities[3 * i + 2] = r.proba_away;
      goalMarkets[2 * i] = r.proba_over_2_5 ?? Number.NaN;
      goalMarkets[2 * i + 1] = r.proba_btts ?? Number.NaN;
      predicted[i] = r.predicted_class;
      if (r.is_future !== null) future[i] = r.is_future ? 1 : 0;
      region.set(i, r.region_id);
      sex.set(i, r.sex);
      homeScore.set(i, r.home_score);
      awayScore.set(i, r.away_score);
      homePlayed.set(i, r.home_matches_played);
      awayPlayed.set(i, r.away_matches_played);
      home.set(i, r.home_team_name);
      away.set(i, r.away_team_name);
      regionName.set(i, r.region_name);
      status.set(i, r.status);
      stage.set(i, r.model_stage);
      runId.set(i, r.model_run_id);
    },
    build(leakedRowsDropped) {
      const index = new IdIndex(ids, size);
      return {
        size,
        leakedRowsDropped,
        row,
        get(matchId) {
          const i = index.rowOf(matchId);
          return i < 0 ? undefined : row(i);
        },
        startMs: (i) => start.ms(i),
        isFuture,
        regionId: (i) => region.get(i),
      };
    },
  };
}

/** The table of an absent artifact. */
export const NO_PREDICTIONS: PredictionTable = createPredictionTableBuilder(0).build(0);

const COLUMNS = columnNames(PREDICTION_COLUMNS);

/** Names that repeat: a few thousand teams at most (an ENUM of 200,000 distinct values would be slow to build). */
const REPEATED = ['home_team_name', 'away_team_name', 'region_name', 'status', 'model_stage', 'model_run_id'];

/** `nowMs`: rows whose kick-off has passed by then must satisfy the leakage rule. */
export async function parsePredictions(
  body: Buffer,
  decoder: ParquetChunkReader,
  nowMs: number,
): Promise<PredictionTable> {
  let builder: PredictionTableBuilder | null = null;
  let leaked = 0;
  const now = nowMs;
  await decoder.read(
    body,
    (rows) => {
      builder = createPredictionTableBuilder(rows);
    },
    (chunk) => {
      if (builder) leaked += addRows(builder, chunkTable(chunk, COLUMNS), chunk.rows, now);
    },
    { repeated: REPEATED },
  );
  return builder ? (builder as PredictionTableBuilder).build(leaked) : NO_PREDICTIONS;
}

/**
 * The leakage rule for a row of a match already played: shown only when its model was trained before kick-off
 * and, unless it is a walk-forward backtest, computed before it too. A row that cannot prove either is refused.
 */
function shownForPlayedMatch(
  stage: string | null,
  trainedUntil: string | null,
  computedAt: string | null,
  kickoffMs: number,
): boolean {
  const source = stage === 'backtest' ? 'backtest' : 'batch';
  if (trainedUntil === null || (source === 'batch' && computedAt === null)) return false;
  const timing = {
    source,
    trainedUntilMs: instantOf(trainedUntil),
    computedAtMs: computedAt === null ? Number.NaN : instantOf(computedAt),
  } as const;
  return isHonestFor(timing, kickoffMs);
}

/** Adds a chunk's rows; returns how many were refused as leaked. */
function addRows(builder: PredictionTableBuilder, table: ChunkTable, n: number, now: number): number {
  const id = requiredColumn(table, 'match_id');
  const start = requiredColumn(table, 'start_time_utc');
  const ph = requiredColumn(table, 'proba_home');
  const pd = requiredColumn(table, 'proba_draw');
  const pa = requiredColumn(table, 'proba_away');
  const col = (name: string) => optionalColumn(table, name);
  const over = col('proba_over_2_5');
  const btts = col('proba_btts');
  const homePlayed = col('home_matches_played');
  const awayPlayed = col('away_matches_played');
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
  let leaked = 0;
  for (let i = 0; i < n; i++) {
    const startText = textAt(start, i);
    const startMs = startText === null ? Number.NaN : instantOf(startText);
    if (!Number.isFinite(startMs)) throw new Error(`row ${i}: start_time_utc is not a timestamp`);
    const isFuture = booleanAt(future, i) ?? startMs > now;
    if (
      !isFuture &&
      !shownForPlayedMatch(textAt(stage, i), textAt(trained, i), textAt(computed, i), startMs)
    ) {
      leaked++;
      continue;
    }
    const probs = [
      numberAt(ph, i, 'proba_home'),
      numberAt(pd, i, 'proba_draw'),
      numberAt(pa, i, 'proba_away'),
    ] as const;
    const given = nullableNumberAt(cls, i);
    builder.add({
      match_id: numberAt(id, i, 'match_id'),
      home_team_name: textAt(home, i),
      away_team_name: textAt(away, i),
      start_time_utc: startText as string,
      region_id: nullableNumberAt(region, i),
      region_name: textAt(regionName, i),
      sex: nullableNumberAt(sex, i),
      status: textAt(status, i),
      home_score: nullableNumberAt(hs, i),
      away_score: nullableNumberAt(as, i),
      proba_home: probs[0],
      proba_draw: probs[1],
      proba_away: probs[2],
      proba_over_2_5: probabilityOrNull(over, i),
      proba_btts: probabilityOrNull(btts, i),
      home_matches_played: nullableNumberAt(homePlayed, i),
      away_matches_played: nullableNumberAt(awayPlayed, i),
      predicted_class: (given === 0 || given === 1 || given === 2
        ? given
        : argmaxClass(probs)) as OutcomeClass,
      is_future: isFuture,
      model_stage: textAt(stage, i),
      model_run_id: textAt(runId, i),
      computed_at: textAt(computed, i),
    });
  }
  return leaked;
}
