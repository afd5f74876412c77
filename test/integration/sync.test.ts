/** Provider sync against a stand-in provider (test/support/provider-sync-world.ts), on both database drivers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendPredictions, honestPastPredictions } from '../../src/db/prediction-log-repository.ts';
import { rawBodyKey, syncProvider } from '../../src/ingest/provider/sync.ts';
import { batchPrediction } from '../support/new-prediction.ts';
import {
  BEFORE_FIXTURES,
  createSyncWorld,
  LAST,
  match,
  outcomes,
  present,
  SEASON,
  seasonUpTo,
  write,
} from '../support/provider-sync-world.ts';
import { DRIVERS } from '../support/services.ts';

// A first PGlite import of two seasons can take a minute on a busy machine.
describe.each(DRIVERS)('provider sync on $driver', { timeout: 240_000 }, ({ available, open }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const setUp = () => createSyncWorld(open, cleanups);

  it.runIf(available && present)(
    'pulls history and fixtures, then only what changed (304 by ETag)',
    async () => {
      const { db, server, store, options } = await setUp();
      const first = await syncProvider(db, options);
      expect(outcomes(first)).toEqual({
        [LAST]: 'imported',
        [SEASON]: 'imported',
        'fixtures.csv': 'imported',
      });
      expect(server.requests[0]?.userAgent).toMatch(/^matchcast\/\d+\.\d+\.\d+ /);
      // Fixtures of the listed league only, kick-offs from UK summer time to UTC.
      const bilbao = await match(db, 'Ath Bilbao', 'Girona');
      expect(bilbao).toMatchObject({ status: 'scheduled', home_score: null });
      expect(bilbao?.start_time_utc.toISOString()).toBe('2025-09-23T17:00:00.000Z');
      const [{ n: scheduled } = { n: 0 }] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE status = 'scheduled'`,
      );
      expect(scheduled).toBe(9);
      const files = await db.query<{ path: string; etag: string | null; sha256: string; final: boolean }>(
        'SELECT path, etag, sha256, final FROM provider_files ORDER BY path',
      );
      // The finished season is final only once a second pull confirms its bytes (a download cut at a row's end
      // would otherwise stand for good).
      expect(files.map((f) => [f.path, f.final])).toEqual([
        ['fixtures.csv', false],
        [LAST, false],
        [SEASON, false],
      ]);
      for (const f of files) {
        expect(f.etag).toMatch(/^"/);
        expect(await store.head(rawBodyKey(f.sha256))).not.toBeNull();
      }
      const counts = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM matches');

      server.requests.length = 0;
      const second = await syncProvider(db, options);
      // Every file answers 304 to If-None-Match, which makes the finished season final.
      expect(outcomes(second)).toEqual({
        [LAST]: 'unchanged',
        [SEASON]: 'unchanged',
        'fixtures.csv': 'unchanged',
      });
      expect(server.requests.map((r) => r.path)).toEqual([LAST, SEASON, 'fixtures.csv']);
      expect(server.requests.every((r) => r.ifNoneMatch !== undefined)).toBe(true);
      expect(await db.query('SELECT count(*)::int AS n FROM matches')).toEqual(counts);
      const [pulls] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM provider_pulls');
      expect(pulls?.n).toBe(3);
      // From then on it is not asked for again.
      server.requests.length = 0;
      expect(outcomes(await syncProvider(db, options))[LAST]).toBe('final');
      expect(server.requests.map((r) => r.path)).toEqual([SEASON, 'fixtures.csv']);
    },
  );

  it.runIf(available && present)(
    'uses Last-Modified when there is no ETag; same bytes change nothing',
    async () => {
      const { db, server, options } = await setUp();
      server.behaviours.set(SEASON, { kind: 'no-etag' });
      await syncProvider(db, options);
      server.requests.length = 0;
      const again = await syncProvider(db, options);
      expect(outcomes(again)[SEASON]).toBe('unchanged');
      const asked = server.requests.find((r) => r.path === SEASON);
      expect(asked?.ifModifiedSince).toBeDefined();
      expect(asked?.ifNoneMatch).toBeUndefined();
    },
  );

  it.runIf(available && present)('a 404 warns and the rest goes on; 500 then 200 is retried', async () => {
    const { db, server, warnings, options } = await setUp();
    server.behaviours.set(SEASON, { kind: 'fail', status: 500, times: 2 });
    const summary = await syncProvider(db, { ...options, leagues: ['SP1', 'E0'] });
    expect(outcomes(summary)).toMatchObject({
      'mmz4281/2425/E0.csv': 'missing',
      'mmz4281/2526/E0.csv': 'missing',
      [SEASON]: 'imported',
      'fixtures.csv': 'imported',
    });
    expect(warnings.some((w) => w.startsWith('mmz4281/2526/E0.csv: not on the provider (HTTP 404)'))).toBe(
      true,
    );
    expect(server.requests.filter((r) => r.path === SEASON)).toHaveLength(3);
    const [health] = await db.query<{ status: string; failures: number; last_error: string }>(
      `SELECT status, failures, last_error FROM provider_files WHERE path = 'mmz4281/2526/E0.csv'`,
    );
    expect(health).toMatchObject({ status: 'missing', failures: 1 });
    // A finished season missing once is asked for again (a passing fault); missing twice, it is final.
    const finalOf = async () =>
      (
        await db.query<{ final: boolean }>(
          `SELECT final FROM provider_files WHERE path = 'mmz4281/2425/E0.csv'`,
        )
      )[0]?.final;
    expect(await finalOf()).toBe(false);
    await syncProvider(db, { ...options, leagues: ['SP1', 'E0'] });
    expect(await finalOf()).toBe(true);
  });

  it.runIf(available && present)(
    'rejects an HTML page served with 200 and a malformed file, keeping their bytes',
    async () => {
      const { db, root, server, store, warnings, options } = await setUp();
      server.behaviours.set('fixtures.csv', { kind: 'html' });
      write(
        root,
        SEASON,
        'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\r\nSP1,15/08/2025,"20:00,Girona,Vallecano,1,3,A\r\n',
      );
      const summary = await syncProvider(db, options);
      expect(outcomes(summary)).toEqual({
        [LAST]: 'imported',
        [SEASON]: 'rejected',
        'fixtures.csv': 'rejected',
      });
      expect(summary.files.find((f) => f.path === 'fixtures.csv')?.detail).toBe(
        'fixtures.csv: an HTML page, not a CSV file (served with status 200)',
      );
      expect(summary.files.find((f) => f.path === SEASON)?.detail).toBe(
        `${SEASON}:2 [Time]: a quote opened on line 2 is never closed`,
      );
      expect(warnings.filter((w) => w.startsWith('rejected '))).toHaveLength(2);
      const pulls = await db.query<{ sha256: string; outcome: string }>(
        `SELECT sha256, outcome FROM provider_pulls WHERE outcome = 'rejected'`,
      );
      expect(pulls).toHaveLength(2);
      for (const p of pulls) expect(await store.head(rawBodyKey(p.sha256))).not.toBeNull();
      const [scheduled] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE status <> 'finished'`,
      );
      expect(scheduled?.n).toBe(0);
    },
  );

  it.runIf(available && present)(
    'names a malformed price cell and imports its match without it',
    async () => {
      const { db, root, warnings, options } = await setUp();
      write(
        root,
        SEASON,
        'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A\r\nSP1,15/08/2025,20:00,Girona,Vallecano,1,3,A,2.1,abc,3.4\r\n',
      );
      const summary = await syncProvider(db, options);
      expect(outcomes(summary)[SEASON]).toBe('imported');
      expect(warnings).toContainEqual(
        `${SEASON}:2 [B365D]: not a price 'abc' (decimal odds are above 1): b365's opening 1X2 price left out`,
      );
      const girona = await match(db, 'Girona', 'Vallecano');
      expect(girona).toMatchObject({ home_score: 1, away_score: 3 });
      const [odds] = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM odds WHERE match_id = $1',
        [girona?.match_id],
      );
      expect(odds?.n).toBe(0);
    },
  );

  it.runIf(available && present)(
    'says when two rows of a match disagree, and rejects a UTF-16 file without stopping the sync',
    async () => {
      const { db, root, warnings, options } = await setUp();
      const header = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR\r\n';
      const girona = 'SP1,15/08/2025,20:00,Girona,Vallecano';
      write(root, SEASON, `${header}${girona},1,3,A\r\n${girona},3,1,H\r\n`);
      const first = await syncProvider(db, options);
      expect(outcomes(first)[SEASON]).toBe('imported');
      // It was kept silently (the later row), though `matchcast import` calls it a conflict.
      expect(
        warnings.some((w) => w.startsWith(`conflict ${SEASON}:2`) && w.includes('1-3 here, 3-1 there')),
      ).toBe(true);
      // A UTF-16 body: its rejection (NULs in the column name) crashed the sync before the fixtures were pulled.
      write(root, SEASON, Buffer.from(`\ufeff${header}${girona},1,3,A\r\n`, 'utf16le'));
      const second = await syncProvider(db, options);
      expect(outcomes(second)[SEASON]).toBe('rejected');
      expect(outcomes(second)['fixtures.csv']).toBeDefined();
      // A club under a new name in a results file pulled before is named, as fixtures' new names are.
      write(root, SEASON, `${header}${girona},3,1,H\r\nSP1,16/08/2025,20:00,Sevilla FC,Girona,1,0,H\r\n`);
      await syncProvider(db, options);
      expect(warnings.some((w) => w.includes(`unknown team 'Sevilla FC' (ESP)`))).toBe(true);
    },
  );

  it.runIf(available && present)(
    'fixture → prediction before kick-off → result → graded; a vanished fixture is postponed',
    async () => {
      const { db, root, clock, warnings, options } = await setUp();
      await syncProvider(db, options);
      const bilbao = await match(db, 'Ath Bilbao', 'Girona');
      const osasuna = await match(db, 'Osasuna', 'Elche');
      const computedAt = new Date(BEFORE_FIXTURES);
      await appendPredictions(
        db,
        [bilbao, osasuna].map((m) =>
          batchPrediction(Number(m?.match_id), {
            trainedUntil: new Date(BEFORE_FIXTURES - 86_400_000),
            computedAt,
          }),
        ),
        computedAt,
      );
      // Wednesday: Osasuna v Elche has left the fixtures file (moved), the rest is still listed.
      clock.set(Date.parse('2025-09-23T09:00:00Z'));
      const fixtures = readFileSync(join(root, 'fixtures.csv'), 'utf8');
      write(
        root,
        'fixtures.csv',
        fixtures
          .split('\n')
          .filter((l) => !l.includes('Osasuna,Elche'))
          .join('\n'),
      );
      const moved = await syncProvider(db, options);
      expect(moved.postponed).toBe(1);
      expect((await match(db, 'Osasuna', 'Elche'))?.status).toBe('postponed');

      // A week later the results are in the season file; a corrected score updates the same match in place, a
      // price other than the one on offer before kick-off does not.
      clock.set(Date.parse('2025-09-30T09:00:00Z'));
      // Score and statistics, then Bet365's 1.45 home price, listed as 1.7.
      const stats = ',0,1,A,17,6,5,3,19,15,8,1,0,2,0,0,';
      const results = seasonUpTo('2025-09-25').replace(`1,1,D${stats}1.45,`, `1,0,H${stats}1.7,`);
      write(root, SEASON, results);
      await syncProvider(db, options);
      expect(await match(db, 'Ath Bilbao', 'Girona')).toMatchObject({
        match_id: bilbao?.match_id,
        status: 'finished',
        home_score: 1,
        away_score: 0,
      });
      const b365 = `SELECT odd_home FROM odds WHERE match_id = $1 AND bookmaker = 'b365' AND kind = 'opening'`;
      expect(await db.query(b365, [bilbao?.match_id])).toEqual([{ odd_home: 1.45 }]);
      expect(warnings).toContain(
        `${SEASON}: 1 price differs from those stored before kick-off; kept as they were on offer (the track record bets at them)`,
      );
      write(root, SEASON, seasonUpTo('2025-09-25'));
      const corrected = await syncProvider(db, options);
      expect(corrected.matchesUpdated).toBe(1);
      expect(await match(db, 'Ath Bilbao', 'Girona')).toMatchObject({ home_score: 1, away_score: 1 });
      // Grading reads results at read time: the logged prediction now counts against the corrected score.
      const graded = await honestPastPredictions(db, new Date(clock.nowMs()));
      expect(graded.map((p) => p.matchId)).toContain(Number(bilbao?.match_id));
      // The postponed fixture keeps its prediction but never gets a result from another date's row.
      const still = await db.query<{ status: string; n: number }>(
        `SELECT m.status, count(p.id)::int AS n FROM matches m JOIN prediction_log p USING (match_id)
       WHERE m.match_id = $1 GROUP BY m.status`,
        [osasuna?.match_id],
      );
      expect(still).toEqual([{ status: 'postponed', n: 1 }]);
    },
  );

  it.runIf(available && present)(
    'labels a new league’s fixtures in the season style of its stored results',
    async () => {
      const { db, root, options } = await setUp();
      // Austria plays autumn to spring; its upcoming fixtures file names no season.
      write(
        root,
        'new/AUT.csv',
        'Country,League,Season,Date,Time,Home,Away,HG,AG,Res\r\n' +
          'Austria,Bundesliga,2025/2026,26/07/2025,17:00,Rapid Vienna,Sturm Graz,1,0,H\r\n',
      );
      write(
        root,
        'new_league_fixtures.csv',
        'Country,League,Date,Time,Home,Away\r\nAustria,Bundesliga,27/09/2025,17:00,Sturm Graz,Rapid Vienna\r\n',
      );
      const summary = await syncProvider(db, { ...options, params: { ...options.params, leagues: ['AUT'] } });
      expect(outcomes(summary)).toMatchObject({
        'new/AUT.csv': 'imported',
        'new_league_fixtures.csv': 'imported',
      });
      const seasons = await db.query<{ status: string; season: string }>(
        `SELECT status, season FROM matches WHERE competition = 'Bundesliga' ORDER BY start_time_utc`,
      );
      // Not a season "2025" of its own, which would open an empty league table for the fixture.
      expect(seasons).toEqual([
        { status: 'finished', season: '2025-26' },
        { status: 'scheduled', season: '2025-26' },
      ]);
    },
  );
});
