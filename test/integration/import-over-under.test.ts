import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOverUnderOf } from '../../src/db/over-under-repository.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { DRIVERS } from '../support/services.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');

// The over/under columns as football-data.co.uk writes them (2024-25 layout), with one row lacking Pinnacle.
const HEADER =
  'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,B365>2.5,B365<2.5,P>2.5,P<2.5,' +
  'Max>2.5,Max<2.5,Avg>2.5,Avg<2.5,BFE>2.5,BFE<2.5,B365C>2.5,B365C<2.5,PC>2.5,PC<2.5,AvgC>2.5,AvgC<2.5';
const E0 = `${HEADER}\r
E0,16/08/2024,20:00,Man United,Fulham,1,0,H,1.6,4.2,5.25,1.8,2,1.85,2.05,1.9,2.1,1.82,1.99,1.88,2.1,1.9,1.9,1.95,1.95,1.91,1.92\r
E0,17/08/2024,12:30,Ipswich,Liverpool,0,2,A,7,5,1.4,1.53,2.5,,,1.58,2.6,1.54,2.45,,,1.5,2.6,,,1.52,2.5\r
`;
// BetBrain's pre-match averages (2005-06 .. 2018-19) and the FootyStats women's files.
const OLD = `Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,BbOU,BbMx>2.5,BbAv>2.5,BbMx<2.5,BbAv<2.5
E0,11/08/2018,Man United,Leicester,2,1,H,40,1.9,1.83,2.1,2.01
`;
const WOMEN = `Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,B365>2.5,B365<2.5,HomeXG,AwayXG
2021-05-23,19:00:00,Portland Thorns,Seattle Reign,1.0,2.0,A,1.69,3.75,3.85,1.7,2.05,0,0
`;

const ALL_BOOKS = [
  ['b365', 'opening'],
  ['b365', 'closing'],
  ['pinnacle', 'opening'],
  ['pinnacle', 'closing'],
  ['market_max', 'opening'],
  ['market_avg', 'opening'],
  ['market_avg', 'closing'],
  ['betfair_exchange', 'opening'],
  ['betbrain_avg', 'opening'],
  ['betbrain_max', 'opening'],
  ['footystats', 'opening'],
] as const;

describe.each(DRIVERS)('over/under 2.5 prices imported on $driver', ({ available, open }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it.runIf(available)('keeps every pre-match and closing pair as market ou_2_5, once', async () => {
    const { db, dispose } = await open();
    cleanups.push(dispose);
    const dir = mkdtempSync(join(tmpdir(), 'matchcast-ou-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    for (const [name, text] of Object.entries({
      'E0/2024-25.csv': E0,
      'E0/2018-19.csv': OLD,
      'women/USA_NWSL_all.csv': WOMEN,
    })) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }

    const first = await importFootballData(db, [dir], { nowMs: NOW });
    // Row 1: five pre-match pairs and three closing ones; row 2 lacks Pinnacle and Betfair: five; then 2 + 1.
    expect(first.overUnderInserted).toBe(8 + 5 + 2 + 1);
    const stored = await loadOverUnderOf(db, ALL_BOOKS, 2.5);
    const united = stored.filter((s) => s.odds[0] === 1.8 || s.odds[0] === 1.85 || s.odds[0] === 1.9);
    expect(united.length).toBeGreaterThan(0);

    const snapshots = await db.query<{
      bookmaker: string;
      market: string;
      kind: string;
      observed_at: Date;
      odd_over: number;
      odd_under: number;
    }>(
      `SELECT s.bookmaker, s.market, s.kind, s.observed_at, s.odd_over, s.odd_under
       FROM over_under_snapshots s JOIN matches m USING (match_id) JOIN teams t ON t.id = m.home_team_id
       WHERE t.name = 'Man United' AND m.season = '2024-25' ORDER BY s.kind DESC, s.bookmaker`,
    );
    expect(snapshots.map((s) => [s.bookmaker, s.market, s.kind, s.odd_over, s.odd_under])).toEqual([
      ['b365', 'ou_2_5', 'pre_match', 1.8, 2],
      ['betfair_exchange', 'ou_2_5', 'pre_match', 1.88, 2.1],
      ['market_avg', 'ou_2_5', 'pre_match', 1.82, 1.99],
      ['market_max', 'ou_2_5', 'pre_match', 1.9, 2.1],
      ['pinnacle', 'ou_2_5', 'pre_match', 1.85, 2.05],
      ['b365', 'ou_2_5', 'closing', 1.9, 1.9],
      ['market_avg', 'ou_2_5', 'closing', 1.91, 1.92],
      ['pinnacle', 'ou_2_5', 'closing', 1.95, 1.95],
    ]);
    // Closing prices are observed at kick-off (19:00 UTC); pre-match ones at football-data's collection that Friday, 15:00 UTC.
    const closing = snapshots.find((s) => s.kind === 'closing');
    const pre = snapshots.find((s) => s.kind === 'pre_match');
    expect(closing?.observed_at.toISOString()).toBe('2024-08-16T19:00:00.000Z');
    expect(pre?.observed_at.toISOString()).toBe('2024-08-16T15:00:00.000Z');

    const again = await importFootballData(db, [dir], { nowMs: NOW });
    expect(again.overUnderInserted).toBe(0);
    expect(again.overUnderUpdated).toBe(0);
    expect(again.overUnderUnchanged).toBe(16);
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM odds_over_under');
    expect(count?.n).toBe(16);

    // A corrected price replaces the stored one in place.
    writeFileSync(join(dir, 'E0/2018-19.csv'), OLD.replace('1.83', '1.84'));
    const corrected = await importFootballData(db, [dir], { nowMs: NOW });
    expect(corrected.overUnderUpdated).toBe(1);
    const [after] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM odds_over_under');
    expect(after?.n).toBe(16);
  });
});
