/**
 * One CSV file (bytes) → parsed matches plus the rows that were skipped and the cells that were not used, and
 * why. Pure: no I/O, the clock is passed in (`nowMs` decides whether a match without a result is still to be
 * played).
 */
import { basename } from 'node:path';
import { type CalendarDate, isoDate } from '../../domain/calendar-date.ts';
import type { MatchStats, MatchStatus, Sex } from '../../domain/match.ts';
import { type CellWarning, checkResultLetter, readOdds, readOverUnder } from './cells.ts';
import { CsvFormatError, type CsvRecord, isBlankRecord, parseCsv } from './csv.ts';
import { parseClockTime, parseMatchDate } from './dates.ts';
import { decodeCsvBytes, firstNonTextIndex } from './decode.ts';
import { duplicateReport, sighting } from './duplicates.ts';
import {
  detectLayout,
  footyStatsExportProblem,
  type Layout,
  looksLikeMatchHeader,
  separatorProblem,
} from './layout.ts';
import type { ParsedFile, ParsedMatch, SkippedRow } from './parsed-match.ts';
import {
  countryRegion,
  type DivisionSpec,
  divisionKeyPrefix,
  divisionSpec,
  type FootyStatsLeagueSpec,
  footyStatsLeagueSpec,
  looksLikeWomensFile,
  newLeagueKeyPrefix,
} from './regions.ts';
import { namedColumns, rowLengthWarnings } from './row-lengths.ts';
import {
  autumnSeason,
  normaliseSeasonLabel,
  playsCalendarYears,
  seasonFromPath,
  seasonOf,
} from './seasons.ts';
import { type TeamNameResolver, teamText } from './team-aliases.ts';
import { columnName, headerNames, positionOf } from './text-positions.ts';
import {
  DEFAULT_KICKOFF,
  FOOTBALL_DATA_TIME_ZONE,
  FOOTYSTATS_TIME_ZONE,
  localTimeToUtcMs,
} from './time-zone.ts';
import { unknownDivisionWarnings, unreadPricesWarning } from './unknown-columns.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

export interface ParseOptions {
  /** Matches without a result kicking off after this are `scheduled`; earlier ones `cancelled`. */
  readonly nowMs: number;
  /** Team names → the names the results files use (team-aliases.ts); default: names as written. */
  readonly teamName?: TeamNameResolver | undefined;
  /**
   * A fixtures file's row kicking off before this is `postponed`, not `scheduled`: the file was read long after
   * its dates and no result came (params sync.postponed_after_hours). Undefined: every fixture is scheduled.
   */
  readonly overdueBeforeMs?: number | undefined;
}

/** A row that cannot be imported; `column` is the index of the field at fault (−1 when none is). */
class RowError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A goal count as the files write it ("2", "2.0"). Three digits at most: the most goals one side ever scored in a
 * recorded match is 149, and a longer number is a broken cell (one past 2^31 also failed the whole import, as
 * the database refused it).
 */
const GOALS = /^\d{1,3}(\.0*)?$/;

function goals(fields: readonly string[], index: number, side: string): number | null {
  if (index < 0) return null; // a fixtures file: no result columns
  const cell = fields[index];
  // Blank cells are a match without a result; a row that stops before them was cut short and says nothing.
  if (cell === undefined) throw new RowError(index, `row ends before the ${side} goals`);
  const s = cell.trim();
  if (s === '' || s === 'NA') return null;
  if (!GOALS.test(s)) throw new RowError(index, `invalid ${side} goals '${s}'`);
  return Number.parseInt(s, 10);
}

const COUNT = /^\d{1,4}(\.0*)?$/;

/**
 * A statistic cell: a whole non-negative count of at most four digits (shots and corners of one match), else null
 * (blank, NA or garbage never fails the row).
 */
function count(fields: readonly string[], index: number): number | null {
  if (index < 0) return null;
  const s = (fields[index] ?? '').trim();
  return COUNT.test(s) ? Number.parseInt(s, 10) : null;
}

const XG = /^\d{1,2}(\.\d{1,4})?$/;

/**
 * A side's expected goals: a non-negative decimal under 100, to hundredths as the database stores it (so a folder
 * read in memory and one imported give the same value), else null. FootyStats writes 0 for both sides of a match
 * it has no figure for, so a pair of zeros is read as missing.
 */
function expectedGoals(
  fields: readonly string[],
  home: number,
  away: number,
): [number | null, number | null] {
  const read = (index: number) => {
    if (index < 0) return null;
    const s = (fields[index] ?? '').trim();
    return XG.test(s) ? Math.round(Number.parseFloat(s) * 100) / 100 : null;
  };
  const h = read(home);
  const a = read(away);
  return h === 0 && a === 0 ? [null, null] : [h, a];
}

function readStats(fields: readonly string[], layout: Layout): MatchStats | null {
  const c = layout.stats;
  if (!c) return null;
  const [homeXg, awayXg] = expectedGoals(fields, c.homeXg, c.awayXg);
  const stats: MatchStats = {
    homeShots: count(fields, c.homeShots),
    awayShots: count(fields, c.awayShots),
    homeShotsTarget: count(fields, c.homeShotsTarget),
    awayShotsTarget: count(fields, c.awayShotsTarget),
    homeCorners: count(fields, c.homeCorners),
    awayCorners: count(fields, c.awayCorners),
    homeXg,
    awayXg,
  };
  return Object.values(stats).some((v) => v !== null) ? stats : null;
}

function status(score: number | null, startTimeMs: number, ctx: RowContext): MatchStatus {
  if (score !== null) return 'finished';
  // A fixtures file lists what is still to be played, even when a kick-off has just passed; long past, it is
  // overdue (the same rule a sync applies to stored fixtures, written here so a re-import changes nothing).
  if (ctx.layout.fixtures)
    return ctx.overdueBeforeMs !== undefined && startTimeMs < ctx.overdueBeforeMs ? 'postponed' : 'scheduled';
  // football-data leaves the result blank for abandoned or awarded games; a future date is a fixture.
  return startTimeMs > ctx.nowMs ? 'scheduled' : 'cancelled';
}

interface RowContext {
  readonly layout: Layout;
  readonly file: string;
  readonly nowMs: number;
  readonly overdueBeforeMs: number | undefined;
  readonly teamName: TeamNameResolver;
  readonly footyStats: FootyStatsLeagueSpec | undefined;
  readonly sex: Sex;
  readonly seasonOfFile: string | undefined;
}

/** One row → its match, or a RowError; cells it reads and does not use go to `warnings`. */
function parseRow(
  record: CsvRecord,
  ctx: RowContext,
  warnings: CellWarning[],
): ParsedMatch & { readonly date: CalendarDate } {
  const { layout } = ctx;
  const f = record.fields;
  const dateText = (f[layout.date] ?? '').trim();
  if (dateText === '') throw new RowError(layout.date, 'missing date');
  const date = parseMatchDate(dateText);
  if (!date) throw new RowError(layout.date, `invalid date '${dateText}'`);
  const homeText = teamText(f[layout.home]);
  const awayText = teamText(f[layout.away]);
  if (homeText === '') throw new RowError(layout.home, 'missing team name');
  if (awayText === '') throw new RowError(layout.away, 'missing team name');
  const homeScore = goals(f, layout.homeGoals, 'home');
  const awayScore = goals(f, layout.awayGoals, 'away');
  if ((homeScore === null) !== (awayScore === null)) {
    throw new RowError(homeScore === null ? layout.homeGoals : layout.awayGoals, 'only one side has a score');
  }
  checkResultLetter(f, layout.result, homeScore, awayScore, warnings);
  const timeText = layout.time >= 0 ? f[layout.time] : undefined;
  const time = parseClockTime(timeText);
  if (time === null && timeText !== undefined && timeText.trim() !== '') {
    throw new RowError(layout.time, `invalid time '${timeText.trim()}'`);
  }
  const zone = layout.format === 'footystats' ? FOOTYSTATS_TIME_ZONE : FOOTBALL_DATA_TIME_ZONE;
  const startTimeMs = localTimeToUtcMs(date, time ?? DEFAULT_KICKOFF, zone);

  let spec: DivisionSpec;
  let season: string;
  let keyPrefix: string;
  if (layout.format === 'main') {
    const div = (f[layout.div] ?? '').trim();
    if (div === '') throw new RowError(layout.div, 'missing Div');
    spec = divisionSpec(div);
    season = ctx.seasonOfFile ?? '';
    keyPrefix = divisionKeyPrefix(div);
  } else if (layout.format === 'new') {
    const country = (f[layout.country] ?? '').trim();
    const league = (f[layout.league] ?? '').trim();
    if (country === '') throw new RowError(layout.country, 'missing Country');
    if (league === '') throw new RowError(layout.league, 'missing League');
    spec = { region: countryRegion(country), competition: league };
    // new_league_fixtures.csv names no season: the calendar year until the reader knows the league's style.
    season = layout.season < 0 ? String(date.year) : normaliseSeasonLabel(f[layout.season] ?? '');
    if (season === '') throw new RowError(layout.season, 'missing Season');
    keyPrefix = newLeagueKeyPrefix(spec.region.code);
  } else {
    const league = ctx.footyStats!;
    spec = league;
    // A league not known by name gets its season once every date is read (parseFile).
    season = league.calendarYearSeasons === undefined ? '' : seasonOf(date, league.calendarYearSeasons);
    keyPrefix = `footystats|${league.region.code}|${league.competition}|`;
  }
  const homeTeam = ctx.teamName(spec.region.code, homeText);
  const awayTeam = ctx.teamName(spec.region.code, awayText);
  if (homeTeam === awayTeam) throw new RowError(layout.away, `home and away team are both '${homeTeam}'`);
  return {
    line: record.line,
    date,
    source: layout.format === 'footystats' ? 'footystats' : 'football-data',
    sourceKey: `${keyPrefix}${isoDate(date)}|${homeTeam}|${awayTeam}`,
    region: spec.region,
    competition: spec.competition,
    season,
    sex: ctx.sex,
    startTimeMs,
    homeTeam,
    awayTeam,
    homeScore,
    awayScore,
    status: status(homeScore, startTimeMs, ctx),
    odds: readOdds(f, layout, warnings),
    overUnder: readOverUnder(f, layout, warnings),
    stats: readStats(f, layout),
    ...(layout.format === 'new' && layout.season < 0 ? { unnamedSeasonDate: date } : {}),
  };
}

/**
 * Parses one file's bytes. A file that cannot be read as a whole (bytes that are not text, CSV csv-parse cannot
 * read, no header, a match header lacking a required column) yields one `rejected-file` report and no matches;
 * a header of no match layout at all (MANIFEST.csv) one `unrecognised-file` report. Bad rows are reported one by
 * one, with the column at fault, and the rest of the file is read; so are the cells an imported row was read
 * without (a malformed price, a result letter that contradicts the score: cells.ts). Rows shorter or longer than
 * the header are counted, one warning per file (row-lengths.ts).
 */
export function parseFootballDataFile(file: string, bytes: Uint8Array, options: ParseOptions): ParsedFile {
  const { text, encoding } = decodeCsvBytes(bytes);
  const skipped: SkippedRow[] = [];
  const empty = (format: ParsedFile['format'], rowsRead: number): ParsedFile => ({
    file,
    format,
    encoding,
    fixtures: false,
    rowsRead,
    matches: [],
    skipped,
  });
  const reject = (line: number, raw: string | undefined, reason: string): ParsedFile => {
    // A column name read from a file that is not text (UTF-16, a binary) holds NULs and other control characters:
    // printed, they garble the terminal, and PostgreSQL refuses a NUL in the reason it stores.
    const column = raw?.replace(CONTROL_CHARACTERS, '\uFFFD');
    skipped.push({ file, line, ...(column === undefined ? {} : { column }), kind: 'rejected-file', reason });
    return empty('main', 0);
  };
  const nonText = firstNonTextIndex(text);
  if (nonText >= 0) {
    const { line, field } = positionOf(text, nonText);
    const code = text.charCodeAt(nonText).toString(16).toUpperCase().padStart(4, '0');
    return reject(
      line,
      columnName(headerNames(text), field),
      `bytes that are not text (U+${code}): not a CSV file, or not saved as UTF-8 or Windows-1252`,
    );
  }
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error;
    const column = error.column === undefined ? undefined : columnName(headerNames(text), error.column - 1);
    return reject(error.line, column, error.message);
  }
  const headerAt = records.findIndex((r) => !isBlankRecord(r.fields));
  if (headerAt < 0) return reject(1, undefined, 'the file is empty: no header row');
  const header = records[headerAt]!;
  const layout = detectLayout(header.fields);
  if (typeof layout === 'string') {
    if (!looksLikeMatchHeader(header.fields)) {
      const foreign = separatorProblem(header.fields) ?? footyStatsExportProblem(header.fields);
      if (foreign !== null) return reject(header.line, undefined, foreign);
      skipped.push({ file, line: header.line, kind: 'unrecognised-file', reason: layout });
      return empty('main', 0);
    }
    return reject(header.line, undefined, `wrong header: ${layout}`);
  }
  // A download cut off inside its header: no row and no line end (a header-only file ends its line).
  if (headerAt === records.length - 1 && !/[\r\n]$/.test(text)) {
    return reject(
      header.line,
      undefined,
      'the file ends inside its header (no line end): cut off, fetch it again',
    );
  }
  // Fixtures are read whole or not at all: a kick-off that cannot be read is not guessed (15:00 is for history).
  if (layout.fixtures && layout.time < 0) {
    return reject(header.line, undefined, 'fixtures file without a Time column: kick-offs cannot be read');
  }
  const stem = basename(file).replace(/\.csv$/i, '');
  const women = layout.format === 'footystats' && looksLikeWomensFile(file);
  const ctx: RowContext = {
    layout,
    file,
    nowMs: options.nowMs,
    overdueBeforeMs: options.overdueBeforeMs,
    teamName: options.teamName ?? ((_region, name) => name),
    footyStats: layout.format === 'footystats' ? footyStatsLeagueSpec(stem, women) : undefined,
    sex: women ? 1 : 0,
    seasonOfFile: seasonFromPath(file),
  };

  const rows: (ParsedMatch & { readonly date: CalendarDate })[] = [];
  const imported: CsvRecord[] = [];
  const data = records.slice(headerAt + 1);
  const last = data.at(-1);
  // A file cut off mid-row (a failed download): its last row is short and has no line end. Report it.
  const named = namedColumns(header.fields);
  const truncated =
    last !== undefined && !/[\r\n]$/.test(text) && last.fields.length < named ? last : undefined;
  for (const record of data) {
    if (record === truncated) {
      skipped.push({
        file,
        line: record.line,
        column: columnName(header.fields, record.fields.length),
        kind: 'truncated',
        reason: `truncated last row: ${record.fields.length} of ${named} fields and no line end`,
      });
      continue;
    }
    if (isBlankRecord(record.fields)) {
      skipped.push({ file, line: record.line, kind: 'blank', reason: 'blank row' });
      continue;
    }
    // No date and no team: no match, only a stray cell a spreadsheet left (T1 2013-14 ends with a `#REF!` row).
    // It is skipped like a blank row, not reported as a malformed match.
    if ([layout.date, layout.home, layout.away].every((at) => (record.fields[at] ?? '').trim() === '')) {
      skipped.push({ file, line: record.line, kind: 'blank', reason: 'no date or team: not a match' });
      continue;
    }
    try {
      const warnings: CellWarning[] = [];
      rows.push(parseRow(record, ctx, warnings));
      imported.push(record);
      // Only once the row is read: a row left out is reported once, whole, not cell by cell.
      for (const w of warnings) {
        const column = columnName(header.fields, w.column);
        skipped.push({ file, line: record.line, column, kind: w.kind, reason: w.reason });
      }
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      const column = error.column < 0 ? undefined : columnName(header.fields, error.column);
      if (layout.fixtures && (error.column === layout.date || error.column === layout.time)) {
        return reject(record.line, column, `fixtures file with an unreadable kick-off: ${error.message}`);
      }
      skipped.push({
        file,
        line: record.line,
        ...(column === undefined ? {} : { column }),
        kind: 'malformed',
        reason: error.message,
      });
    }
  }
  skipped.push(...rowLengthWarnings(file, header.line, named, imported));
  const unreadPrices = unreadPricesWarning(file, header, layout);
  if (unreadPrices !== null) skipped.push(unreadPrices);
  skipped.push(...unknownDivisionWarnings(file, layout, imported));

  // A main-league file named without its season (e.g. a fresh download `E0.csv`): its first date decides.
  let matches: ParsedMatch[] = rows;
  if (layout.format === 'main' && ctx.seasonOfFile === undefined && rows.length > 0) {
    const first = rows.reduce((a, b) => (b.startTimeMs < a.startTimeMs ? b : a));
    const season = autumnSeason(first.date);
    matches = rows.map((r) => ({ ...r, season }));
  }
  // A FootyStats league not known by name: its dates say which kind of season it plays.
  if (ctx.footyStats !== undefined && ctx.footyStats.calendarYearSeasons === undefined) {
    const calendarYear = playsCalendarYears(rows.map((r) => r.date));
    matches = rows.map((r) => ({ ...r, season: seasonOf(r.date, calendarYear) }));
  }

  // The same match twice in one file: the later row wins, the earlier is reported (duplicates.ts).
  const byKey = new Map<string, ParsedMatch>();
  for (const m of matches) {
    const earlier = byKey.get(m.sourceKey);
    if (earlier) skipped.push(duplicateReport(sighting(file, earlier), sighting(file, m)));
    byKey.set(m.sourceKey, m);
  }
  const unique = byKey.size === matches.length ? matches : [...byKey.values()];
  return {
    file,
    format: layout.format,
    encoding,
    fixtures: layout.fixtures,
    rowsRead: data.length,
    matches: unique,
    skipped,
  };
}
