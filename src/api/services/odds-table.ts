/** odds/odds.parquet in memory: the latest pre-kick-off 1X2 price per match, in file order and by match_id. */
import { decodeParquet, tableRows } from '../../storage/parquet.ts';
import type { OddsItem } from '../schemas/predict.ts';
import { createInterner, isoAt, numberAt, optionalColumn, requiredColumn } from './table-columns.ts';

export interface OddsTable {
  readonly rows: readonly OddsItem[];
  readonly byId: ReadonlyMap<number, OddsItem>;
}

export async function parseOdds(body: Buffer): Promise<OddsTable> {
  const table = await decodeParquet(body);
  const n = tableRows(table);
  const intern = createInterner();
  const [id, home, draw, away] = ['match_id', 'odd_home', 'odd_draw', 'odd_away'].map((c) =>
    requiredColumn(table, c),
  ) as [
    ReturnType<typeof requiredColumn>,
    ReturnType<typeof requiredColumn>,
    ReturnType<typeof requiredColumn>,
    ReturnType<typeof requiredColumn>,
  ];
  const bookmaker = optionalColumn(table, 'bookmaker', n);
  const url = optionalColumn(table, 'odds_url', n);
  const collected = optionalColumn(table, 'collected_at', n);
  const rows: OddsItem[] = [];
  const byId = new Map<number, OddsItem>();
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
  return { rows, byId };
}
