/** odds/odds.parquet in memory: the latest pre-kick-off 1X2 price per match, in file order and by match_id. */
import type { OddsItem } from '../schemas/predict.ts';
import { chunkTable, readParquetChunks } from './parquet-chunks.ts';
import { createInterner, isoAt, numberAt, optionalColumn, requiredColumn } from './table-columns.ts';

export interface OddsTable {
  readonly rows: readonly OddsItem[];
  readonly byId: ReadonlyMap<number, OddsItem>;
}

const COLUMNS = ['match_id', 'odd_home', 'odd_draw', 'odd_away', 'bookmaker', 'odds_url', 'collected_at'];

export async function parseOdds(body: Buffer): Promise<OddsTable> {
  const intern = createInterner();
  const rows: OddsItem[] = [];
  const byId = new Map<number, OddsItem>();
  await readParquetChunks(
    body,
    () => undefined,
    (chunk) => {
      const table = chunkTable(chunk, COLUMNS);
      const n = chunk.rows;
      const id = requiredColumn(table, 'match_id');
      const home = requiredColumn(table, 'odd_home');
      const draw = requiredColumn(table, 'odd_draw');
      const away = requiredColumn(table, 'odd_away');
      const bookmaker = optionalColumn(table, 'bookmaker', n);
      const url = optionalColumn(table, 'odds_url', n);
      const collected = optionalColumn(table, 'collected_at', n);
      for (let i = 0; i < n; i++) {
        const row: OddsItem = {
          match_id: numberAt(id, i, 'match_id'),
          odd_home: numberAt(home, i, 'odd_home'),
          odd_draw: numberAt(draw, i, 'odd_draw'),
          odd_away: numberAt(away, i, 'odd_away'),
          bookmaker: intern(bookmaker[i]) ?? 'unknown',
          odds_url: url[i] === null || url[i] === undefined ? null : String(url[i]),
          collected_at: isoAt(collected, i),
        };
        rows.push(row);
        byId.set(row.match_id, row);
      }
    },
  );
  return { rows, byId };
}
