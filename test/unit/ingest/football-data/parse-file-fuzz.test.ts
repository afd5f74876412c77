/**
 * The parser under mutated files of each layout (fast-check, seeded): cells replaced by hostile values, a column
 * dropped, header names repeated or swapped, the text cut anywhere. It never throws, and every match it yields
 * holds what the database and the features take for granted; what it cannot read it reports.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFootballDataFile } from '../../../../src/ingest/football-data/parse-file.ts';

const NOW = Date.parse('2026-12-05T12:00:00Z');

const FILES: Record<string, string> = {
  'E0/2024-25.csv': [
    'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,HTR,HS,AS,HST,AST,HC,AC,B365H,B365D,B365A,AvgH,AvgD,AvgA,Avg>2.5,Avg<2.5,AvgCH,AvgCD,AvgCA',
    'E0,16/08/2024,20:00,Man United,Fulham,1,0,H,0,0,D,14,10,5,2,7,8,1.6,4.2,5.25,1.6,4.18,5.3,1.8,2.05,1.62,4.1,5.2',
    'E0,17/08/2024,12:30,Ipswich,Liverpool,0,2,A,0,0,D,7,18,2,5,2,10,6,4.5,1.5,5.9,4.5,1.52,1.6,2.35,6.2,4.6,1.5',
    'E0,17/08/2024,15:00,Arsenal,Wolves,2,0,H,1,0,H,18,9,6,3,8,2,1.25,6.5,11,1.26,6.3,11.5,1.5,2.6,1.25,6.6,11.6',
    'E0,24/08/2024,15:00,Brighton,Man United,,,,,,,,,,,,,2.3,3.6,3,2.3,3.6,3.05,1.65,2.25,,,',
  ].join('\r\n'),
  'SC3/1998-99.csv': [
    'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR',
    'SC3,08/08/98,Albion Rvs,Dumbarton,1,2,A',
    'SC3,08/08/98,Berwick,Montrose,3,3,D',
  ].join('\n'),
  'new/ARG.csv': [
    'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA,AvgCH,AvgCD,AvgCA',
    'Argentina,Liga Profesional,2024,25/01/2024,23:00,Boca Juniors,River Plate,1,1,D,2.5,3.1,3.2,2.45,3.05,3.15',
    'Argentina,Liga Profesional,2024,26/01/2024,01:15,Velez,Racing,0,1,A,2.1,3.2,3.9,2.05,3.15,3.8',
  ].join('\n'),
  'women/NORWAY_TOPPSERIEN_all.csv': [
    'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HTHG,HTAG,B365H,B365D,B365A,B365>2.5,B365<2.5,HST,AST,HC,AC,HomeXG,AwayXG',
    '2021-05-22,09:00:00,Sandviken Women,Kolbotn,1.0,0.0,H,0.0,0.0,1.14,6.75,10.0,1.28,3.05,8.0,3.0,8.0,3.0,1.74,0.52',
    '2021-05-23,13:00:00,Rosenborg,Lyn,2.0,2.0,D,1.0,0.0,1.9,3.6,3.7,1.6,2.2,5.0,4.0,6.0,2.0,1.31,1.12',
  ].join('\n'),
};

const HOSTILE = [
  '',
  ' ',
  '-1',
  '0',
  '1e400',
  'NaN',
  'Infinity',
  'abc',
  '99999999999999999999',
  '1.5',
  '"',
  '""',
  '\u0000',
  '31/02/2024',
  '2024-02-30',
  '00/00/00',
  '29/02/2023',
  '25:61',
  '1,5',
  'H',
  'X',
  '\ufeff',
  'é',
  '💥',
  '-0',
  '0x10',
  '1e-400',
  '   7  ',
  '12/13/2024',
  '01/01/1899',
  '01/01/2999',
  '149',
  '9999',
  '10000',
];

const mutation = fc.record({
  edits: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 8 }),
  op: fc.constantFrom('none', 'truncate', 'drop-column', 'repeat-header', 'swap-header'),
  k: fc.nat(100_000),
});

/** What is wrong with a parsed match, by what the rest of the system assumes of one. */
function matchProblems(m: ReturnType<typeof parseFootballDataFile>['matches'][number]): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(m.startTimeMs)) problems.push('kick-off not finite');
  for (const s of [m.homeScore, m.awayScore])
    if (s !== null && !(Number.isInteger(s) && s >= 0 && s <= 999)) problems.push(`score ${s}`);
  if ((m.homeScore === null) !== (m.awayScore === null)) problems.push('one score only');
  if (m.status === 'finished' && m.homeScore === null) problems.push('finished without a score');
  for (const o of m.odds)
    for (const p of [o.home, o.draw, o.away]) if (!(Number.isFinite(p) && p > 1)) problems.push(`odds ${p}`);
  for (const o of m.overUnder)
    for (const p of [o.over, o.under]) if (!(Number.isFinite(p) && p > 1)) problems.push(`over/under ${p}`);
  if (!m.homeTeam.trim() || !m.awayTeam.trim()) problems.push('blank team');
  for (const [name, v] of Object.entries(m.stats ?? {})) {
    if (v === null) continue;
    // Expected goals are decimals under 100 (FootyStats files); every other statistic is a whole count.
    const sound = name.endsWith('Xg') ? v >= 0 && v < 100 : Number.isInteger(v) && v >= 0 && v <= 9999;
    if (!sound) problems.push(`statistic ${name} ${v}`);
  }
  return problems;
}

describe('parseFootballDataFile under mutated files', () => {
  it.each(Object.keys(FILES))('%s: never throws, and every match it yields is sound', (file) => {
    const original = FILES[file] as string;
    // Unmutated, every row is a match: the mutations start from a file the parser reads.
    const intact = parseFootballDataFile(file, new TextEncoder().encode(original), { nowMs: NOW });
    expect(intact.matches).toHaveLength(original.split(/\r?\n/).length - 1);
    const rows = original.split(/\r?\n/).map((line) => line.split(','));
    fc.assert(
      fc.property(mutation, ({ edits, op, k }) => {
        const r = rows.map((row) => [...row]);
        const header = r[0] as string[];
        for (const [i, j, value] of edits) {
          const row = r[i % r.length] as string[];
          row[j % row.length] = value;
        }
        if (op === 'drop-column') for (const row of r) row.splice(k % row.length, 1);
        if (op === 'repeat-header') header[k % header.length] = header[(k + 1) % header.length] as string;
        if (op === 'swap-header') {
          const [a, b] = [k % header.length, (k * 7) % header.length];
          [header[a], header[b]] = [header[b] as string, header[a] as string];
        }
        let text = r.map((row) => row.join(',')).join('\r\n');
        if (op === 'truncate') text = text.slice(0, k % text.length);
        const parsed = parseFootballDataFile(file, new TextEncoder().encode(text), { nowMs: NOW });
        expect(parsed.matches.flatMap(matchProblems)).toEqual([]);
      }),
      { numRuns: 400, seed: 20_261_205 },
    );
  });
});
