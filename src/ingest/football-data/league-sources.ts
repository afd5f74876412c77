/**
 * One source per league. football-data and FootyStats spell teams differently and key matches differently, so a
 * league read from both would store every match twice, under two sets of teams. Where football-data covers a
 * league, a FootyStats file's rows of it from football-data's first match on are left out and reported; its
 * earlier rows (seasons football-data does not have) are kept.
 */
import type { ParsedMatch, SkippedRow } from './parsed-match.ts';
import { leagueKey } from './seasons.ts';

/** The first and last kick-off football-data holds of each league, by sameLeagueKey. */
export type LeagueSpans = Map<string, { fromMs: number; toMs: number }>;

/** An organiser's or country's name a source puts before a league's ("EFL Championship", "Scottish Premiership"). */
const LEADING_ORGANISER = /^(?:efl|english|scottish|spfl|the)/;
/** A league's other names, by region code, as each reduces (`leagueName`) to the football-data one's. */
const OTHER_NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  BEL: { proleague: 'firstdivisiona', jupilerproleague: 'firstdivisiona' },
  ESP: { primeradivision: 'laliga' },
  POR: { ligaportugal: 'primeiraliga' },
  ARG: { primeradivision: 'ligaprofesional' },
  USA: { majorleaguesoccer: 'mls' },
};

/**
 * One league as both sources name it: case, accents, punctuation, spaces and a leading organiser's name do not
 * count ("2 Bundesliga" is "2. Bundesliga", "Süper Lig" "Super Lig", "EFL Championship" "Championship"), nor do
 * the renamings of OTHER_NAMES. FootyStats names a league after its file; an exact match let a men's file named
 * `ENGLAND_EFL_CHAMPIONSHIP_all.csv` be stored beside football-data's Championship.
 */
function sameLeagueKey(regionCode: string, competition: string): string {
  const plain = competition
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
    .replace(LEADING_ORGANISER, '');
  return leagueKey(regionCode, OTHER_NAMES[regionCode]?.[plain] ?? plain);
}

const keyOf = (m: Pick<ParsedMatch, 'region' | 'competition'>) => sameLeagueKey(m.region.code, m.competition);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The spans of stored football-data leagues (loadFootballDataSpans). */
export function leagueSpansOf(
  rows: readonly { region_code: string; competition: string; from_time: Date; to_time: Date }[],
): LeagueSpans {
  return new Map(
    rows.map((r) => [
      sameLeagueKey(r.region_code, r.competition),
      { fromMs: r.from_time.getTime(), toMs: r.to_time.getTime() },
    ]),
  );
}

/** Widens the span of `m`'s league when `m` comes from football-data. */
export function noteLeagueSpan(spans: LeagueSpans, m: ParsedMatch): void {
  if (m.source !== 'football-data') return;
  const key = keyOf(m);
  const span = spans.get(key);
  if (span === undefined) spans.set(key, { fromMs: m.startTimeMs, toMs: m.startTimeMs });
  else {
    span.fromMs = Math.min(span.fromMs, m.startTimeMs);
    span.toMs = Math.max(span.toMs, m.startTimeMs);
  }
}

/**
 * Whether `m` is a FootyStats row of a league football-data covers from before its date. Later rows too: the
 * football-data file of a season being played ends some days before a FootyStats export, and its next pull would
 * bring those matches again under football-data's names.
 */
export function coveredByFootballData(m: ParsedMatch, spans: LeagueSpans): boolean {
  if (m.source !== 'footystats') return false;
  const span = spans.get(keyOf(m));
  return span !== undefined && m.startTimeMs >= span.fromMs;
}

/** One report per file and league of the rows left out (`coveredByFootballData`), on the first one's line. */
export function otherSourceReports(
  left: readonly { readonly file: string; readonly match: ParsedMatch }[],
  spans: LeagueSpans,
): SkippedRow[] {
  const groups = new Map<
    string,
    { file: string; span: { fromMs: number; toMs: number }; rows: ParsedMatch[] }
  >();
  for (const { file, match } of left) {
    const span = spans.get(keyOf(match));
    if (span === undefined) continue;
    const key = `${file}\u0000${keyOf(match)}`;
    const group = groups.get(key) ?? { file, span, rows: [] };
    group.rows.push(match);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ file, span, rows }) => {
    const first = rows.reduce((a, b) => (b.line < a.line ? b : a));
    const kickoffs = rows.map((r) => r.startTimeMs);
    return {
      file,
      line: first.line,
      kind: 'other-source',
      reason:
        `league football-data also covers: ${rows.length} ${rows.length === 1 ? 'row' : 'rows'} of ${first.region.name} / ${first.competition} ` +
        `(${day(Math.min(...kickoffs))} to ${day(Math.max(...kickoffs))}) not imported, football-data has it from ` +
        `${day(span.fromMs)} to ${day(span.toMs)}; give each league one source`,
    };
  });
}
