/**
 * features/match_features.parquet in memory, column-major: one Float32Array per feature and a sorted index
 * by match_id. Single precision loses nothing the model would see: every ONNX graph we serve takes float32 input,
 * so the worker (or the inline session) rounds each value to float32 anyway. 200,000 rows × 31 features is
 * 25 MB this way.
 */
import { columnNames, FEATURE_KEY_COLUMNS } from '../../domain/artifact-columns.ts';
import type { ParquetChunkReader } from '../parquet/decoder-pool.ts';
import { ArtifactShapeError, IdIndex, numberAt } from './table-columns.ts';

/** Identifying columns of the feature file (FeatureRowKeys); every other numeric column is a feature. */
const KEY_COLUMNS = new Set<string>(columnNames(FEATURE_KEY_COLUMNS));

export interface ServedFeatures {
  readonly featureNames: readonly string[];
  readonly rows: number;
  has(matchId: number): boolean;
  /** The match's kick-off (ms since the epoch); null for an unknown match, NaN when the file's time is unreadable. */
  kickoffMs(matchId: number): number | null;
  /** The match's values in the given feature order; null for an unknown match. Throws on an unknown name. */
  vector(matchId: number, featureNames: readonly string[]): number[] | null;
}

export async function parseFeatures(body: Buffer, decoder: ParquetChunkReader): Promise<ServedFeatures> {
  let ids = new Float64Array(0);
  let kickoffs = new Float64Array(0);
  const columns = new Map<string, Float32Array>();
  let total = 0;
  let offset = 0;
  await decoder.read(
    body,
    (rows, names) => {
      total = rows;
      ids = new Float64Array(rows);
      kickoffs = new Float64Array(rows);
      for (const name of names) if (!KEY_COLUMNS.has(name)) columns.set(name, new Float32Array(rows));
    },
    (chunk) => {
      const idColumn = chunk.column('match_id');
      if (!idColumn) throw new ArtifactShapeError('column match_id is missing');
      for (let i = 0; i < chunk.rows; i++) ids[offset + i] = numberAt(idColumn, i, 'match_id');
      const startColumn = chunk.column('start_time_utc');
      for (let i = 0; i < chunk.rows; i++) {
        const start = startColumn?.at(i);
        kickoffs[offset + i] = typeof start === 'string' ? Date.parse(start) : Number.NaN;
      }
      for (const [name, target] of columns) {
        const values = chunk.column(name);
        for (let i = 0; i < chunk.rows; i++) {
          const v = values?.at(i);
          if (typeof v === 'number') target[offset + i] = v;
          else if (v === null || v === undefined) target[offset + i] = Number.NaN;
          else {
            // A text column is not a feature (e.g. a team name carried along): drop it.
            columns.delete(name);
            break;
          }
        }
      }
      offset += chunk.rows;
    },
  );
  const index = new IdIndex(ids, offset);
  return {
    featureNames: [...columns.keys()],
    rows: total,
    has: (matchId) => index.rowOf(matchId) >= 0,
    kickoffMs(matchId) {
      const row = index.rowOf(matchId);
      return row < 0 ? null : (kickoffs[row] as number);
    },
    vector(matchId, featureNames) {
      const row = index.rowOf(matchId);
      if (row < 0) return null;
      return featureNames.map((name) => {
        const column = columns.get(name);
        if (!column) throw new ArtifactShapeError(`the feature file has no column ${name}`);
        return column[row] as number;
      });
    },
  };
}
