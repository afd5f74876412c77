/**
 * odds/odds.parquet in memory: the latest pre-kick-off 1X2 price per match, column-major like the prediction
 * table (prices in one Float64Array, bookmakers as dictionary codes, instants as numbers), in file order and
 * indexed by match_id.
 */
import { columnNames, ODDS_COLUMNS } from '../../domain/artifact-columns.ts';
import type { OddsRow } from '../../domain/artifacts.ts';
import { chunkTable, type ParquetChunkReader } from '../parquet/decoder-pool.ts';
import {
  DictionaryColumn,
  IdIndex,
  numberAt,
  optionalColumn,
  requiredColumn,
  TimestampColumn,
  textAt,
} from './table-columns.ts';

export interface OddsTable {
  readonly size: number;
  row(i: number): OddsRow;
  /** The match's odds, or undefined when it has none. */
  get(matchId: number): OddsRow | undefined;
}

/** The table of an absent artifact. */
export const NO_ODDS: OddsTable = {
  size: 0,
  row(i) {
    throw new RangeError(`no odds row ${i}`);
  },
  get: () => undefined,
};

const COLUMNS = columnNames(ODDS_COLUMNS);

export async function parseOdds(body: Buffer, decoder: ParquetChunkReader): Promise<OddsTable> {
  let capacity = 0;
  let ids = new Float64Array(0);
  let prices = new Float64Array(0);
  let bookmaker = new DictionaryColumn(0);
  let collected = new TimestampColumn(0);
  const urls: (string | null)[] = [];
  let size = 0;
  await decoder.read(
    body,
    (rows) => {
      capacity = rows;
      ids = new Float64Array(rows);
      prices = new Float64Array(rows * 3);
      bookmaker = new DictionaryColumn(rows);
      collected = new TimestampColumn(rows);
    },
    (chunk) => {
      const table = chunkTable(chunk, COLUMNS);
      const n = chunk.rows;
      const id = requiredColumn(table, 'match_id');
      const home = requiredColumn(table, 'odd_home');
      const draw = requiredColumn(table, 'odd_draw');
      const away = requiredColumn(table, 'odd_away');
      const book = optionalColumn(table, 'bookmaker');
      const url = optionalColumn(table, 'odds_url');
      const at = optionalColumn(table, 'collected_at');
      for (let i = 0; i < n && size < capacity; i++) {
        const k = size++;
        ids[k] = numberAt(id, i, 'match_id');
        prices[3 * k] = numberAt(home, i, 'odd_home');
        prices[3 * k + 1] = numberAt(draw, i, 'odd_draw');
        prices[3 * k + 2] = numberAt(away, i, 'odd_away');
        bookmaker.set(k, textAt(book, i));
        urls.push(textAt(url, i));
        collected.set(k, textAt(at, i));
      }
    },
    { repeated: ['bookmaker'] },
  );
  const row = (i: number): OddsRow => ({
    match_id: ids[i] as number,
    odd_home: prices[3 * i] as number,
    odd_draw: prices[3 * i + 1] as number,
    odd_away: prices[3 * i + 2] as number,
    bookmaker: bookmaker.get(i) ?? 'unknown',
    odds_url: urls[i] ?? null,
    collected_at: collected.text(i),
  });
  const index = new IdIndex(ids, size);
  return {
    size,
    row,
    get(matchId) {
      const i = index.rowOf(matchId);
      return i < 0 ? undefined : row(i);
    },
  };
}
