/** PredictionRow[] ↔ the columns of predictions/predictions.parquet. */
import type { PredictionRow } from '../../domain/artifacts.ts';
import type { CellValue, Column, ColumnKind, Table } from '../../storage/parquet.ts';

const COLUMNS: readonly (readonly [keyof PredictionRow, ColumnKind])[] = [
  ['match_id', 'bigint'],
  ['home_team_name', 'varchar'],
  ['away_team_name', 'varchar'],
  ['start_time_utc', 'varchar'],
  ['region_id', 'bigint'],
  ['region_name', 'varchar'],
  ['sex', 'bigint'],
  ['status', 'varchar'],
  ['home_score', 'bigint'],
  ['away_score', 'bigint'],
  ['proba_home', 'double'],
  ['proba_draw', 'double'],
  ['proba_away', 'double'],
  ['predicted_class', 'bigint'],
  ['is_future', 'boolean'],
  ['model_name', 'varchar'],
  ['model_version', 'bigint'],
  ['model_stage', 'varchar'],
  ['model_run_id', 'varchar'],
  ['computed_at', 'varchar'],
  ['trained_until', 'varchar'],
];

export function predictionColumns(rows: readonly PredictionRow[]): Column[] {
  return COLUMNS.map(([name, kind]) => ({
    name,
    kind,
    values: rows.map((r) => r[name] as CellValue),
  }));
}

/** Rows of a decoded predictions table (trusting the writer above for the types). */
export function predictionRows(table: Table): PredictionRow[] {
  const n = table.match_id?.length ?? 0;
  const rows: PredictionRow[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, CellValue> = {};
    for (const [name] of COLUMNS) row[name] = table[name]?.[i] ?? null;
    rows.push(row as unknown as PredictionRow);
  }
  return rows;
}
