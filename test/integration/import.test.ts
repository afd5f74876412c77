import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { loadMatchRecords } from '../../src/db/match-repository.ts';
import { ImportPathError } from '../../src/ingest/football-data/files.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { runCli } from '../support/child-process.ts';
import { seedMigratedPglite } from '../support/pglite-template.ts';
import { DRIVERS, IN_CI } from '../support/services.ts';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const REAL_DATA = process.env.FOOTBALL_DATA_DIR ?? join(import.meta.dirname, '../../../shared/data/football');
const realDataPresent = existsSync(REAL_DATA);
if (!realDataPresent) {
  const message = `football data folder not found at ${REAL_DATA}`;
  if (IN_CI) throw new Error(`${message}: real-file import tests must run in CI`);
  console.warn(`\n!!!!!!!!!! SKIPPING REAL-FILE IMPORT TESTS: ${message} !!!!!!!!!!\n`);
}

const MAIN_HEADER = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,PSCH,PSCD,PSCA';
const E0 = `\ufeff${MAIN_HEADER}\r
E0,15/08/2025,20:00,Liverpool,Bournemouth,4,2,H,1.3,6,8.5,1.29,6.25,9\r
E0,16/08/2025,12:30,Aston Villa,Newcastle,0,0,D,2.25,3.5,2.9,2.45,3.4,2.8\r
E0,16/08/2025,15:00,Brighton,Fulham,1,1,D,1.95,3.75,3.6,,,\r
E0,31/02/2025,15:00,Spurs,Burnley,3,0,H,1.4,5,7,1.4,5,7\r
,,,,,,,,,,,,,\r
`;
const OLD = `Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,,,
E1,14/08/93,Barnsley,West Ham,1,2,A
E1,14/08/93,Derby,Sunderland,x,0,H
`;
const WOMEN = `Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A,HomeXG,AwayXG
2021-05-23,19:00:00,Portland Thorns,Seattle Reign,1.0,2.0,A,1.69,3.75,3.85,0,0
`;

function writeFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-import-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function matchRows(db: Db) {
  return db.query<{
    match_id: number;
    source_key: string;
    home_score: number | null;
    status: string;
    updated_at: Date;
    sex: number;
  }>('SELECT match_id, source_key, home_score, status, updated_at, sex FROM matches ORDER BY source_key');
}

describe.each(DRIVERS)('football-data import on $driver', ({ available, open }) => {
  const disposers: (() => Promise<void>)[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of disposers.splice(0)) await d();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const setUp = async (files: Record<string, string>) => {
    const { db, dispose } = await open();
    disposers.push(dispose);
    const dir = writeFiles(files);
    dirs.push(dir);
    return { db, dir };
  };

  it.runIf(available)('imports small files, reports broken rows, and re-imports idempotently', async () => {
    const { db, dir } = await setUp({
      'E0/2025-26.csv': E0,
      'E1/1993-94.csv': OLD,
      'women/USA_NWSL_all.csv': WOMEN,
    });
    const progress: [number, number][] = [];
    const first = await importFootballData(db, [dir], {
      nowMs: NOW,
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(first).toMatchObject({
      files: 3,
      rowsRead: 8,
      matchesInserted: 5,
      matchesUpdated: 0,
      matchesUnchanged: 0,
      oddsInserted: 6,
      rowsSkipped: { 'blank row': 1, 'invalid date': 1, 'invalid home goals': 1 },
    });
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(first.problems.map((p) => [p.file.slice(dir.length + 1), p.line, p.reason])).toEqual([
      ['E0/2025-26.csv', 5, "invalid date '31/02/2025'"],
      ['E1/1993-94.csv', 3, "invalid home goals 'x'"],
    ]);

    const regions = await db.query<{ code: string; name: string }>(
      'SELECT code, name FROM regions ORDER BY code',
    );
    expect(regions).toEqual([
      { code: 'ENG', name: 'England' },
      { code: 'USA-W', name: 'USA (women)' },
    ]);
    const [liverpool] = await db.query<{ start_time_utc: Date; competition: string; season: string }>(
      `SELECT start_time_utc, competition, season FROM matches WHERE source_key LIKE '%Liverpool%'`,
    );
    expect(liverpool).toEqual({
      start_time_utc: new Date('2025-08-15T19:00:00Z'),
      competition: 'Premier League',
      season: '2025-26',
    });
    const odds = await db.query<{ bookmaker: string; kind: string; n: number }>(
      'SELECT bookmaker, kind, count(*)::int AS n FROM odds GROUP BY 1, 2 ORDER BY 1, 2',
    );
    expect(odds).toEqual([
      { bookmaker: 'b365', kind: 'opening', n: 3 },
      { bookmaker: 'footystats', kind: 'opening', n: 1 },
      { bookmaker: 'pinnacle', kind: 'closing', n: 2 },
    ]);
    expect((await matchRows(db)).filter((m) => m.sex === 1)).toHaveLength(1);

    const before = await matchRows(db);
    const second = await importFootballData(db, [dir], { nowMs: NOW });
    expect(second).toMatchObject({
      matchesInserted: 0,
      matchesUpdated: 0,
      matchesUnchanged: 5,
      oddsInserted: 0,
      oddsUpdated: 0,
      oddsUnchanged: 6,
    });
    expect(await matchRows(db)).toEqual(before);
  });

  it.runIf(available)('stores shots, corners and expected goals; re-import writes nothing', async () => {
    const header = 'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR,HS,AS,HST,AST,HC,AC';
    const { db, dir } = await setUp({
      'E0/2015-16.csv': `${header}\nE0,08/08/15,Chelsea,Swansea,2,2,D,11,18,3,10,4,8\nE0,08/08/15,Everton,Watford,2,2,D,10,11,5,5,7,2\nE0,09/08/15,Arsenal,West Ham,0,2,A,22,,NA,3,,\nE0,09/08/15,Stoke,Spurs,2,2,D,,,,,,\n`,
      'women/USA_NWSL_all.csv':
        'Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,HST,AST,HomeXG,AwayXG\n2021-05-23,19:00:00,Portland Thorns,Seattle Reign,1.0,2.0,10.0,6.0,2.47,1.35\n',
    });
    const first = await importFootballData(db, [dir], { nowMs: NOW });
    expect(first.statsWritten).toBe(4);
    expect(
      await db.query(
        'SELECT home_shots_target, away_shots_target, home_xg, away_xg FROM match_stats WHERE home_xg > 0',
      ),
    ).toEqual([{ home_shots_target: 10, away_shots_target: 6, home_xg: 2.47, away_xg: 1.35 }]);
    const stored = await db.query<Record<string, number | string | null>>(
      `SELECT m.home_score, s.home_shots, s.away_shots, s.home_shots_target, s.away_shots_target,
              s.home_corners, s.away_corners
       FROM match_stats s JOIN matches m USING (match_id) WHERE m.sex = 0 ORDER BY m.source_key`,
    );
    expect(stored).toEqual([
      {
        home_score: 2,
        home_shots: 11,
        away_shots: 18,
        home_shots_target: 3,
        away_shots_target: 10,
        home_corners: 4,
        away_corners: 8,
      },
      {
        home_score: 2,
        home_shots: 10,
        away_shots: 11,
        home_shots_target: 5,
        away_shots_target: 5,
        home_corners: 7,
        away_corners: 2,
      },
      {
        home_score: 0,
        home_shots: 22,
        away_shots: null,
        home_shots_target: null,
        away_shots_target: 3,
        home_corners: null,
        away_corners: null,
      },
    ]);
    const records = await loadMatchRecords(db);
    expect(records.find((r) => r.homeScore === 0)?.stats).toMatchObject({
      homeShots: 22,
      awayShotsTarget: 3,
    });
    expect(records.find((r) => r.sex === 1)?.stats).toMatchObject({ homeXg: 2.47, awayXg: 1.35 });
    expect(records.filter((r) => r.stats === null)).toHaveLength(1);
    const again = await importFootballData(db, [dir], { nowMs: NOW });
    expect(again).toMatchObject({ matchesUnchanged: 5, statsWritten: 0 });
  });

  it.runIf(available)('updates a corrected score and price in place, keeping match_id', async () => {
    const { db, dir } = await setUp({ 'E0/2025-26.csv': E0 });
    await importFootballData(db, [dir], { nowMs: NOW });
    const before = await matchRows(db);
    writeFileSync(
      join(dir, 'E0/2025-26.csv'),
      E0.replace('Aston Villa,Newcastle,0,0,D,2.25', 'Aston Villa,Newcastle,1,0,H,2.3'),
    );
    const again = await importFootballData(db, [join(dir, 'E0/2025-26.csv')], { nowMs: NOW });
    expect(again).toMatchObject({ matchesUpdated: 1, matchesUnchanged: 2, oddsUpdated: 1, oddsUnchanged: 4 });
    const after = await matchRows(db);
    expect(after.map((m) => m.match_id)).toEqual(before.map((m) => m.match_id));
    const villa = (rows: typeof after) => rows.find((m) => m.source_key.includes('Aston Villa'))!;
    expect(villa(after).home_score).toBe(1);
    expect(villa(after).updated_at.getTime()).toBeGreaterThanOrEqual(villa(before).updated_at.getTime());
    const others = (rows: typeof after) => rows.filter((m) => !m.source_key.includes('Aston Villa'));
    expect(others(after)).toEqual(others(before));
    const [price] = await db.query<{ odd_home: number }>(
      `SELECT o.odd_home FROM odds o JOIN matches m USING (match_id)
       WHERE m.source_key LIKE '%Aston Villa%' AND o.bookmaker = 'b365'`,
    );
    expect(price?.odd_home).toBe(2.3);
  });

  it.runIf(available)(
    'writes a match listed in two files once, the later file winning, across batches',
    async () => {
      const copy = E0.replace('Aston Villa,Newcastle,0,0,D,2.25', 'Aston Villa,Newcastle,0,1,A,2.2');
      const { db, dir } = await setUp({ 'a/E0/2025-26.csv': E0, 'b/E0/2025-26.csv': copy });
      // batchSize 1 flushes after each file, so the second copy meets rows written by the first.
      const summary = await importFootballData(db, [dir], { nowMs: NOW, batchSize: 1 });
      expect(summary).toMatchObject({ matchesInserted: 3, matchesUpdated: 1, matchesUnchanged: 2 });
      const [villa] = await db.query<{ away_score: number; prices: number[] }>(
        `SELECT m.away_score, array_agg(o.odd_home ORDER BY o.bookmaker) AS prices
       FROM matches m JOIN odds o USING (match_id) WHERE m.source_key LIKE '%Aston Villa%' GROUP BY m.away_score`,
      );
      expect(villa).toEqual({ away_score: 1, prices: [2.2, 2.45] });
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM odds');
      expect(n?.n).toBe(5);
      // The unique index is back after the bulk load.
      await expect(
        db.query(`INSERT INTO odds (match_id, bookmaker, kind, odd_home, odd_draw, odd_away)
                SELECT match_id, bookmaker, kind, odd_home, odd_draw, odd_away FROM odds LIMIT 1`),
      ).rejects.toThrow(/duplicate key/);
    },
  );

  it.runIf(available)(
    'rejects a file it cannot read whole, naming line and column, and imports the rest',
    async () => {
      // Good rows first, then a quote never closed: none of the file may reach the database.
      const broken = `${MAIN_HEADER}\nE0,23/08/2025,15:00,Arsenal,Leeds,5,0,H,1.2,7,13,,,\nE0,23/08/2025,15:00,"Everton,Brighton,2,0,H,2.6,3.3,2.8,,,\n`;
      const { db, dir } = await setUp({
        'E0/2025-26.csv': E0,
        'E0/broken.csv': broken,
        'MANIFEST.csv': 'file,kind,season\nE0/2025-26.csv,main,2025-26\n',
      });
      const summary = await importFootballData(db, [dir], { nowMs: NOW });
      const [file, reason] = [join(dir, 'E0/broken.csv'), 'a quote opened on line 3 is never closed'];
      expect(summary.rejected).toEqual([
        { file, line: 3, column: 'HomeTeam', kind: 'rejected-file', reason },
      ]);
      // MANIFEST.csv found in a folder is not match data: reported as ignored, not rejected.
      expect(summary.problems.filter((p) => p.kind === 'unrecognised-file').map((p) => p.file)).toEqual([
        join(dir, 'MANIFEST.csv'),
      ]);
      expect(summary.matchesInserted).toBe(3);
      expect((await matchRows(db)).filter((m) => /Arsenal|Everton/.test(m.source_key))).toEqual([]);

      // Named on its own, a file that is not match data is rejected.
      const named = await importFootballData(db, [join(dir, 'MANIFEST.csv')], { nowMs: NOW });
      expect(named.rejected).toEqual([
        expect.objectContaining({
          line: 1,
          kind: 'rejected-file',
          reason: expect.stringMatching(/^not a match file/),
        }),
      ]);
    },
  );

  it.runIf(available)('reports a truncated last row and imports the rows before it', async () => {
    const cut = `${MAIN_HEADER}\r\nE0,15/08/2025,20:00,Liverpool,Bournemouth,4,2,H,1.3,6,8.5,1.29,6.25,9\r\nE0,16/08/2025,12:30,Aston Villa,Newcastle,0,0,D,2.2`;
    const { db, dir } = await setUp({ 'E0/2025-26.csv': cut });
    const summary = await importFootballData(db, [dir], { nowMs: NOW });
    expect(summary.rejected).toEqual([]);
    const [file, reason] = [
      join(dir, 'E0/2025-26.csv'),
      'truncated last row: 9 of 14 fields and no line end',
    ];
    expect(summary.problems).toEqual([{ file, line: 3, column: 'B365D', kind: 'truncated', reason }]);
    expect((await matchRows(db)).map((m) => m.source_key)).toEqual([
      'football-data|E0|2025-08-15|Liverpool|Bournemouth',
    ]);
  });

  it.runIf(available)('names a missing folder before writing anything', async () => {
    const { db, dir } = await setUp({ 'E0/2025-26.csv': E0 });
    const missing = join(dir, 'no-such-folder');
    const attempt = importFootballData(db, [dir, missing], { nowMs: NOW });
    await expect(attempt).rejects.toBeInstanceOf(ImportPathError);
    await expect(attempt).rejects.toThrow(`${missing}: no such file or folder`);
    expect(await matchRows(db)).toEqual([]);
  });
});

describe('matchcast import football-data (the command)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('exits 1 after its summary when a file was rejected, saying what was and was not imported', async () => {
    const dir = writeFiles({
      'data/E0/2025-26.csv': E0,
      'data/E1/2025-26.csv': 'Div,Date,HomeTeam,AwayTeam,FTHG\nE1,09/08/2025,Blackburn,Derby,4\n',
    });
    dirs.push(dir);
    // A migrated database in place (cli-errors.test.ts proves a first start creating it).
    await seedMigratedPglite(join(dir, 'var', 'db'));
    const { code, stdout, stderr } = await runCli(['import', 'football-data', join(dir, 'data')], {
      DATA_DIR: join(dir, 'var'),
      LOG_LEVEL: 'info',
    });
    expect(code).toBe(1);
    expect(stdout).toContain('imported 1 of 2 files');
    expect(stdout).toContain('matches: 3 inserted');
    expect(stdout).toMatch(
      /rejected: 1 file, nothing imported from it:\n {2}.*E1\/2025-26\.csv:1: wrong header/,
    );
    expect(stderr).toMatch(
      /^matchcast: 1 file rejected, nothing .*\nmatchcast: 1 malformed row not imported .*\n$/,
    );
  }, 120_000);

  it('names a missing folder in one line, without a stack trace, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['import', 'football-data', 'missing/'], {
      LOG_LEVEL: 'info',
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'matchcast: missing/: no such file or folder (give football-data CSV files or folders of them, e.g. ../shared/data/football)\n',
    );
  }, 60_000);
});

describe.each(DRIVERS)('import of real football-data files on $driver', ({ available, open }) => {
  let db: Db;
  let dispose: () => Promise<void>;
  const files = [
    'E0/2025-26.csv', // BOM, CRLF, Time, many bookmakers with closing twins
    'E0/1993-94.csv', // dd/mm/yy, no odds, trailing comma-only rows
    'G1/2003-04.csv', // HT/AT header variant
    'D1/2000-01.csv', // Windows-1252
    'T1/2013-14.csv', // #REF! junk row
    'F2/2025-26.csv', // a match without a result
    'new/JPN.csv', // new-leagues layout, closing prices only
    'women/USA_NWSL_all.csv', // ISO dates, goals as floats
  ];
  const expectedFinished = { 'E0/2025-26.csv': 380, 'E0/1993-94.csv': 462, 'new/JPN.csv': 4543 } as const;

  beforeAll(async () => {
    if (!available || !realDataPresent) return;
    ({ db, dispose } = await open());
  });
  afterAll(async () => {
    await dispose?.();
  });

  it.runIf(available && realDataPresent)('imports them with the counts of MANIFEST.csv', async () => {
    const paths = files.map((f) => join(REAL_DATA, f));
    const summary = await importFootballData(db, paths, { nowMs: NOW });
    expect(summary.files).toBe(files.length);
    // T1 2013-14's `#REF!` row (line 308) has no date or team: skipped like a blank row, not a problem.
    expect(summary.problems).toEqual([]);
    const perFile = await db.query<{ competition: string; season: string; finished: number; other: number }>(
      `SELECT competition, season, count(*) FILTER (WHERE status = 'finished')::int AS finished,
              count(*) FILTER (WHERE status <> 'finished')::int AS other
       FROM matches GROUP BY 1, 2`,
    );
    const finished = (competition: string, season?: string) =>
      perFile
        .filter((r) => r.competition === competition && (season === undefined || r.season === season))
        .reduce((n, r) => n + r.finished, 0);
    expect(finished('Premier League', '2025-26')).toBe(expectedFinished['E0/2025-26.csv']);
    expect(finished('Premier League', '1993-94')).toBe(expectedFinished['E0/1993-94.csv']);
    expect(finished('J1 League')).toBe(expectedFinished['new/JPN.csv']);
    expect(finished('NWSL')).toBe(865);
    expect(perFile.find((r) => r.competition === 'Ligue 2')?.other).toBe(1);

    expect(finished('Bundesliga', '2000-01')).toBe(306); // a Windows-1252 file (referee names)
    expect(finished('Super League', '2003-04')).toBe(240);
    const [women] = await db.query<{ sex: number; n: number }>(
      `SELECT m.sex, count(*)::int AS n FROM matches m JOIN regions r ON r.id = m.region_id
       WHERE r.code = 'USA-W' GROUP BY 1`,
    );
    expect(women?.sex).toBe(1);
    const [xg] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM match_stats JOIN matches
      USING (match_id) WHERE competition = 'NWSL' AND home_xg IS NOT NULL AND home_shots_target IS NOT NULL`);
    expect(xg?.n).toBe(819); // the NWSL rows with expected goals and shots on target
    const [pinnacle] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM odds WHERE bookmaker = 'pinnacle' AND kind = 'closing'`,
    );
    expect(pinnacle?.n).toBeGreaterThan(4000);

    const again = await importFootballData(db, paths, { nowMs: NOW });
    expect(again.matchesInserted + again.matchesUpdated + again.oddsInserted + again.oddsUpdated).toBe(0);
  });
});
