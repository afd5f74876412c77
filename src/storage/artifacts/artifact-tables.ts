/**
 * Rows ↔ the columns of the tabular artifacts, driven by the column lists of src/domain/artifact-columns.ts:
 * what the pipeline writes (Parquet columns, CSV text) and what a test or the pipeline reads back.
 */
import {
  type ColumnSpec,
  ODDS_COLUMNS,
  PREDICTION_COLUMNS,
  PROFIT_COLUMNS,
  REGION_ROI_COLUMNS,
} from '../../domain/artifact-columns.ts';
import type { OddsRow, PredictionRow, ProfitPoint, RegionRoiRow } from '../../domain/artifacts.ts';
import type { CellValue, Column, Table } from '../parquet/parquet-file.ts';
import { toCsv } from './csv.ts';

/** The Parquet columns of `rows`, in the order and with the kinds `spec` gives. */
export function artifactColumns<Row>(spec: readonly ColumnSpec<Row>[], rows: readonly Row[]): Column[] {
  // An optional field left out of a row is an empty cell.
  return spec.map(([name, kind]) => ({
    name,
    kind,
    values: rows.map((r) => (r[name] ?? null) as CellValue),
  }));
}

/** The rows of a decoded table, taking the columns `spec` names (missing cells as null). */
export function artifactRows<Row>(spec: readonly ColumnSpec<Row>[], table: Table): Row[] {
  return [...artifactRowsOf(spec, table)];
}

/** artifactRows one row at a time, for a reader that takes turns of the event loop between rows. */
export function* artifactRowsOf<Row>(spec: readonly ColumnSpec<Row>[], table: Table): Generator<Row> {
  const n = table[spec[0]?.[0] ?? '']?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const row: Record<string, CellValue> = {};
    for (const [name] of spec) row[name] = table[name]?.[i] ?? null;
    yield row as Row;
  }
}

export const predictionColumns = (rows: readonly PredictionRow[]) =>
  artifactColumns(PREDICTION_COLUMNS, rows);
export const predictionRows = (table: Table) => artifactRows<PredictionRow>(PREDICTION_COLUMNS, table);
export const predictionRowsOf = (table: Table) => artifactRowsOf<PredictionRow>(PREDICTION_COLUMNS, table);
export const oddsColumns = (rows: readonly OddsRow[]) => artifactColumns(ODDS_COLUMNS, rows);

/** betting/roi_by_region.csv */
export const regionRoiCsv = (rows: readonly RegionRoiRow[]) => toCsv<RegionRoiRow>(REGION_ROI_COLUMNS, rows);

/** betting/profit_by_day.csv */
export const profitCsv = (rows: readonly ProfitPoint[]) => toCsv<ProfitPoint>(PROFIT_COLUMNS, rows);
