/**
 * A football-data.co.uk file as the provider published it at one instant (pure): what `matchcast replay`'s
 * stand-in provider serves at each virtual day. A results file holds the matches finished by then (with every
 * column, closing prices included); the fixtures files list the matches of the next days without result
 * columns and with pre-match prices only, from the time football-data collects them (published-at.ts): a replay
 * never shows or bets a price before it existed. The "new" leagues' files carry closing prices only: those are
 * published with the fixture once kick-off is near, so predictions and bets there can still come before it.
 *
 * @example
 * const table = readProviderTable(bytes);
 * resultsAsOf(table, nowMs);                 // results file text, or null before the first result
 * fixturesAsOf([e0, d1], nowMs, 'main');     // fixtures.csv text
 */
import { parseCsv } from '../football-data/csv.ts';
import { parseClockTime, parseMatchDate } from '../football-data/dates.ts';
import { decodeCsvBytes } from '../football-data/decode.ts';
import { footballDataPublishedAtMs } from '../football-data/published-at.ts';
import { DEFAULT_KICKOFF, FOOTBALL_DATA_TIME_ZONE, localTimeToUtcMs } from '../football-data/time-zone.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A match is taken as finished, and its result published, this long after kick-off. */
export const RESULT_AFTER_MS = 2 * HOUR_MS;
/** How far ahead the fixtures files list matches. */
export const FIXTURES_AHEAD_MS = 7 * DAY_MS;
/** A closing-only league's prices are published with its fixture from this long before kick-off. */
export const CLOSING_PUBLISHED_BEFORE_MS = DAY_MS;

/** One local file: its header and rows, each with its kick-off (rows without a readable date are dropped). */
export interface ProviderTable {
  readonly header: readonly string[];
  readonly rows: readonly { readonly fields: readonly string[]; readonly kickoffMs: number }[];
}

/** Result and match-statistics columns: left out of a fixtures file (the importer reads it as fixtures then). */
const RESULT_COLUMNS = new Set([
  'FTHG',
  'FTAG',
  'FTR',
  'HTHG',
  'HTAG',
  'HTR',
  'HG',
  'AG',
  'Res',
  'HS',
  'AS',
  'HST',
  'AST',
  'HF',
  'AF',
  'HC',
  'AC',
  'HY',
  'AY',
  'HR',
  'AR',
  'HO',
  'AO',
  'HHW',
  'AHW',
  'HFKC',
  'AFKC',
  'HBP',
  'ABP',
  'Attendance',
]);

/** What a fixture is, in either layout: every other column a fixtures file keeps is a price. */
const FIXTURE_COLUMNS = new Set([
  'Div',
  'Date',
  'Time',
  'HomeTeam',
  'AwayTeam',
  'Referee',
  'Country',
  'League',
  'Season',
  'Home',
  'Away',
]);

/** football-data's closing 1X2 and totals columns (`PSCH`, `AvgC>2.5`, `B365CAHH`…): known only at kick-off. */
const isClosingColumn = (name: string) => /^[A-Za-z0-9]+C(H|D|A|>2\.5|<2\.5|AHH|AHA|h)$/.test(name);

export function readProviderTable(bytes: Uint8Array): ProviderTable {
  const [head, ...records] = parseCsv(decodeCsvBytes(bytes).text);
  const header = (head?.fields ?? []).map((h) => h.trim());
  const at = (name: string) => header.indexOf(name);
  const date = at('Date');
  const time = at('Time');
  const rows: { fields: readonly string[]; kickoffMs: number }[] = [];
  for (const r of records) {
    const day = parseMatchDate(r.fields[date] ?? '');
    if (day === null) continue;
    const clock = time < 0 ? null : parseClockTime(r.fields[time]);
    rows.push({
      fields: r.fields,
      kickoffMs: localTimeToUtcMs(day, clock ?? DEFAULT_KICKOFF, FOOTBALL_DATA_TIME_ZONE),
    });
  }
  return { header, rows };
}

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csvText = (lines: readonly (readonly string[])[]) =>
  `${lines.map((fields) => fields.map(quote).join(',')).join('\r\n')}\r\n`;

/** The results file at `nowMs`: the rows finished by then, or null when none is (the provider has no file yet). */
export function resultsAsOf(table: ProviderTable, nowMs: number): string | null {
  const done = table.rows.filter((r) => r.kickoffMs + RESULT_AFTER_MS <= nowMs);
  return done.length === 0 ? null : csvText([table.header, ...done.map((r) => r.fields)]);
}

/**
 * `fixtures.csv` (main divisions) or `new_league_fixtures.csv` (`new` leagues) at `nowMs`: every match of the
 * tables kicking off in the next FIXTURES_AHEAD_MS, result columns dropped. Main divisions lose their closing
 * prices and show their pre-match ones from football-data's collection time; the new leagues' (closing) prices
 * appear CLOSING_PUBLISHED_BEFORE_MS before kick-off. The header is the union of the tables' columns, in first-seen order.
 */
export function fixturesAsOf(
  tables: readonly ProviderTable[],
  nowMs: number,
  layout: 'main' | 'new',
): string {
  const header: string[] = [];
  for (const t of tables)
    for (const h of t.header) if (!RESULT_COLUMNS.has(h) && !header.includes(h)) header.push(h);
  const lines: string[][] = [header];
  const upcoming = tables
    .flatMap((t) => t.rows.map((r) => ({ table: t, row: r })))
    .filter(({ row }) => row.kickoffMs > nowMs && row.kickoffMs <= nowMs + FIXTURES_AHEAD_MS)
    .sort((a, b) => a.row.kickoffMs - b.row.kickoffMs);
  for (const { table, row } of upcoming) {
    const closingKnown = layout === 'new' && row.kickoffMs - nowMs <= CLOSING_PUBLISHED_BEFORE_MS;
    const preMatchKnown = layout === 'new' || footballDataPublishedAtMs(row.kickoffMs) <= nowMs;
    lines.push(
      header.map((name) => {
        const i = table.header.indexOf(name);
        if (i < 0) return '';
        if (isClosingColumn(name) ? !closingKnown : !preMatchKnown && !FIXTURE_COLUMNS.has(name)) return '';
        return row.fields[i] ?? '';
      }),
    );
  }
  return csvText(lines);
}
