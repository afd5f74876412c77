/**
 * Odds history, the prediction chain and the track record on both drivers: football-data files imported as
 * pre-match and closing snapshots (twice: nothing added), /predict/odds/ and the new routes, the chain
 * verified untouched and caught when a prediction is changed, back-dated or logged after kick-off, and the API
 * following params.yaml's betting settings instead of the code defaults.
 */
import { describe, expect, it } from 'vitest';
import { loadParams, trackRecordRulesOf } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { loadLatestPreKickoffOdds } from '../../src/db/latest-odds-repository.ts';
import { loadSnapshots } from '../../src/db/odds-history-repository.ts';
import { appendPredictions, type NewPrediction } from '../../src/db/prediction-log-repository.ts';
import { loadChain, loadTrackRecordInput } from '../../src/db/track-record-repository.ts';
import { DEFAULT_MARGIN_METHOD, removeMargin } from '../../src/domain/margin-removal.ts';
import { PREFERRED_BOOKMAKERS } from '../../src/domain/odds-history.ts';
import { verifyChain } from '../../src/domain/prediction-chain.ts';
import { DEFAULT_EDGE_RULE } from '../../src/domain/value-bet.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { trackRecord } from '../../src/pipelines/reports/track-record.ts';
import type { ArtifactStore } from '../../src/storage/artifact-store.ts';
import { DRIVERS } from '../support/services.ts';
import { type TrackRecordWorld, withTrackRecordWorld } from '../support/track-record-world.ts';
import {
  API_KEY,
  createApiFixture,
  samplePredictions,
  writeOdds,
  writePredictions,
} from '../unit/api/fixture.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe.each(DRIVERS)('odds history and track record on $driver', (driver) => {
  let db: Db;
  let world: TrackRecordWorld;
  withTrackRecordWorld(driver, (opened, imported) => {
    db = opened;
    world = imported;
  });

  const id = (home: string) => world.id(home);

  it.runIf(driver.available)('imports pre-match and closing prices as separate snapshots, once', async () => {
    const snapshots = await loadSnapshots(db, [id('Alpha'), id('Beta'), id('Boca')]);
    const seen = snapshots.map((s) => [s.matchId, s.bookmaker, s.kind, iso(s.observedAtMs)]);
    expect(seen).toEqual(
      expect.arrayContaining([
        [id('Alpha'), 'pinnacle', 'pre_match', '2026-01-09T15:00:00.000Z'],
        [id('Alpha'), 'pinnacle', 'closing', '2026-01-10T15:00:00.000Z'],
        [id('Beta'), 'b365', 'pre_match', '2026-01-13T15:00:00.000Z'],
      ]),
    );
    expect(seen.filter(([m]) => m === id('Boca')).map(([, b, k]) => `${b}/${k}`)).toEqual([
      'market_avg/closing',
      'market_max/closing',
      'pinnacle/closing',
    ]);
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM odds_snapshots'))[0]?.n;
    const before = await count();
    expect(before).toBe(4 + 4 + 2 + 3);
    const again = await importFootballData(db, [world.dir]);
    expect(again.oddsInserted).toBe(0);
    expect(await count()).toBe(before);
  });

  it.runIf(driver.available)('keeps /predict/odds/ on the latest price observed by kick-off', async () => {
    await db.query(
      `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
       VALUES ($1, 'pinnacle', 'snapshot', '2026-01-10T15:05:00Z', 9, 9, 9)`,
      [id('Alpha')],
    );
    const latest = await loadLatestPreKickoffOdds(db, PREFERRED_BOOKMAKERS);
    expect(latest.find((r) => r.match_id === id('Alpha'))).toMatchObject({
      bookmaker: 'pinnacle',
      odd_home: 1.95,
    });
    // The in-play price is no snapshot of the history either.
    const alpha = await loadSnapshots(db, [id('Alpha')]);
    expect(alpha.some((s) => s.odds[0] === 9)).toBe(false);
  });

  const prediction = (home: string, loggedAt: string, probabilities: NewPrediction['probabilities']) => ({
    matchId: id(home),
    modelName: 'soccer-match-outcome',
    modelVersion: 1,
    modelAlias: 'champion',
    runId: null,
    source: 'batch' as const,
    probabilities,
    goalMarkets: { over25: 0.5, btts: 0.45 },
    trainedUntil: new Date('2026-01-01T00:00:00Z'),
    computedAt: new Date(loggedAt),
  });
  const chainedAt = new Date('2026-01-09T07:00:00Z');

  it.runIf(driver.available)('chains logged predictions and serves the track record', async () => {
    await db.transaction((tx) =>
      appendPredictions(
        tx,
        [
          prediction('Alpha', '2026-01-08T06:00:00Z', [0.55, 0.25, 0.2]),
          prediction('Gamma', '2026-01-08T06:00:00Z', [0.3, 0.3, 0.4]),
          prediction('Boca', '2026-01-08T06:00:00Z', [0.33, 0.36, 0.31]),
        ],
        chainedAt,
      ),
    );
    await db.transaction((tx) =>
      appendPredictions(
        tx,
        [{ ...prediction('Beta', '2026-01-09T06:00:00Z', [0.4, 0.3, 0.3]), source: 'backtest' as const }],
        chainedAt,
      ),
    );
    const chain = await loadChain(db);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(verifyChain(chain)).toMatchObject({ ok: true, entries: 3 });

    const expected = trackRecord(await loadTrackRecordInput(db));
    // Alpha: home at Pinnacle's Friday 2.20 (edge 0.21), Gamma: away at 3.05, Boca: draw at the close (edge 0.12–0.19, under the 0.25 ceiling).
    expect(expected).toMatchObject({ matches_predicted: 3, late_predictions: 0, graded: 3 });
    expect(expected.clv).toMatchObject({ n_bets: 2, taken_at_close: 1 });
    expect(expected.roi.flat).toMatchObject({ n_bets: 3 });

    /** Alpha's prediction and the price the odds stage chose for it, as the artifacts hold them. */
    const writeAlphaCard = async (store: ArtifactStore) => {
      const [alpha] = samplePredictions(1, 1).map((r) => ({
        ...r,
        match_id: id('Alpha'),
        start_time_utc: '2026-01-10T15:00:00.000Z',
        proba_home: 0.55,
        proba_draw: 0.25,
        proba_away: 0.2,
        predicted_class: 0,
        computed_at: '2026-01-08T06:00:00.000Z',
        trained_until: '2026-01-01T00:00:00.000Z',
      }));
      await writePredictions(store, [alpha!]);
      await writeOdds(store, [
        {
          match_id: id('Alpha'),
          odd_home: 2.2,
          odd_draw: 3.5,
          odd_away: 3.7,
          bookmaker: 'pinnacle',
          odds_url: null,
          collected_at: '2026-01-09T15:00:00.000Z',
        },
      ]);
    };
    const api = await createApiFixture({ db, artifacts: false });
    try {
      const get = (url: string, headers = { 'x-api-key': API_KEY }) =>
        api.app.inject({ method: 'GET', url, headers });
      const record = await get('/v1/predict/track-record');
      expect(record.statusCode).toBe(200);
      const body = record.json();
      expect(body).toMatchObject({
        ...JSON.parse(JSON.stringify(expected)),
        head: { seq: 3, hash: chain[2]?.hash },
      });
      // The curves the dashboard draws: one point per kick-off day, the last one the whole record.
      expect(body.series.map((d: { date: string }) => d.date)).toEqual(['2026-01-10', '2026-01-11']);
      expect(body.series.at(-1)).toMatchObject({ graded: 3, n_bets: 3, clv: { n_bets: 2 } });
      expect(body.method).toMatchObject({
        edge_threshold: 0.05,
        kelly_fraction: 0.25,
        margin_method: DEFAULT_MARGIN_METHOD,
      });
      // The method alone, as the dashboard reads it: the record's own, with nothing graded.
      const method = await get('/predict/track-record/method');
      expect(method.statusCode).toBe(200);
      expect(method.json()).toEqual(body.method);
      expect((await get('/predict/track-record/method', {} as { 'x-api-key': string })).statusCode).toBe(401);
      // A league is named with its country (England and Scotland both have a Championship); the filter takes
      // that name or the bare competition name.
      expect(body.by_league.map((l: { league: string }) => l.league).sort()).toEqual([
        'Argentina / Liga Profesional',
        'England / Premier League',
      ]);
      for (const league of ['England%20%2F%20Premier%20League', 'Premier%20League'])
        expect((await get(`/predict/track-record?league=${league}`)).json()).toMatchObject({ graded: 2 });
      expect(
        (await get('/predict/track-record?league=Scotland%20%2F%20Premier%20League')).json(),
      ).toMatchObject({
        graded: 0,
      });
      expect((await get('/predict/track-record?from=2026-01-11&to=2026-01-31')).json()).toMatchObject({
        graded: 1,
      });
      // Bounds past the years a database timestamp holds keep or drop everything at their end (were 500s).
      for (const [query, graded] of [
        ['to=9999-12-31', 3],
        ['from=0000-01-01', 3],
        ['from=0001-01-01T00:00:00%2B01:00', 3],
        ['from=9999-12-31T23:30:00-01:00', 0],
        ['to=0000-01-01', 0],
      ] as const) {
        const answer = await get(`/predict/track-record?${query}`);
        expect([query, answer.statusCode, answer.json().graded]).toEqual([query, 200, graded]);
      }
      const impossible = await get('/predict/track-record?from=2026-02-30');
      expect(impossible.statusCode).toBe(422);
      expect(impossible.json()).toMatchObject({
        detail: [{ loc: ['query', 'from'], msg: 'String should be a valid date' }],
      });
      const reversed = await get('/predict/track-record/backtest?from=2026-12-01&to=2026-11-01');
      expect([reversed.statusCode, reversed.json().detail[0]]).toMatchObject([
        422,
        { loc: ['query', 'to'], msg: 'Input should not be before from (2026-12-01)' },
      ]);
      expect((await get('/predict/track-record', {} as { 'x-api-key': string })).statusCode).toBe(401);
      // Chained at the appender's clock, not the database's.
      expect((await get('/predict/track-record/head')).json()).toMatchObject({
        head: { seq: 3, chained_at: chainedAt.toISOString() },
      });
      // Beta's backtest row is scored only apart, unchained.
      const backtest = (await get('/predict/track-record/backtest')).json();
      expect(backtest).toMatchObject({ head: null, matches_predicted: 1, graded: 1, late_predictions: 0 });
      expect(backtest.scope).toMatch(/backtest/);
      // The record is kept between requests but never served against changed data: a corrected result moves it
      // at once, and restoring the result brings the first answer back.
      const correct = (home: number, away: number) =>
        db.query('UPDATE matches SET home_score = $2, away_score = $3 WHERE match_id = $1', [
          id('Alpha'),
          home,
          away,
        ]);
      await correct(0, 2);
      const corrected = (await get('/predict/track-record')).json();
      expect(corrected).toMatchObject(
        JSON.parse(JSON.stringify(trackRecord(await loadTrackRecordInput(db)))),
      );
      expect(corrected.roi.flat).not.toEqual(body.roi.flat);
      await correct(2, 0);
      expect((await get('/predict/track-record')).json()).toEqual(body);
      const odds = (await get(`/predict/odds/${id('Alpha')}`)).json();
      expect(odds).toMatchObject({
        kickoff: '2026-01-10T15:00:00.000Z',
        opening: { kind: 'pre_match', observed_at: '2026-01-09T15:00:00.000Z' },
        closing: { bookmaker: 'pinnacle', kind: 'closing', odd_home: 1.95 },
      });
      const closingOnly = (await get(`/predict/odds/${id('Alpha')}?kind=closing`)).json();
      expect(closingOnly.snapshots.every((s: { kind: string }) => s.kind === 'closing')).toBe(true);
      expect((await get('/predict/odds/999999')).statusCode).toBe(404);

      // The prediction history: Beta's backtest row is there, flagged as such.
      const history = (await get(`/v1/predict/history/${id('Beta')}`)).json();
      expect(history).toMatchObject({
        kickoff: '2026-01-13T19:45:00.000Z',
        predictions: [
          {
            logged_at: '2026-01-09T06:00:00.000Z',
            source: 'backtest',
            model_version: 1,
            proba_home: 0.4,
            proba_over_2_5: 0.5,
            proba_btts: 0.45,
            before_kickoff: true,
            honest: true,
          },
        ],
      });
      expect((await get(`/predict/history/${id('Alpha')}`)).json().predictions).toHaveLength(1);
      expect((await get('/predict/history/999999')).statusCode).toBe(404);
      expect((await get(`/predict/history/${id('Alpha')}`, {} as { 'x-api-key': string })).statusCode).toBe(
        401,
      );

      // Alpha's card: a home value bet at Pinnacle's Friday 2.20, staked flat and by Kelly, and, the market
      // having closed at 1.95, its closing odd and a positive CLV from the odds history.
      await writeAlphaCard(api.store);
      await api.refresh();
      const [cardBody] = (await get('/predict/cards/')).json();
      expect(cardBody.value_bet).toMatchObject({
        outcome: 0,
        odd: 2.2,
        stake_flat: 1,
        stake_kelly: expect.closeTo(0.25 * ((0.55 * 2.2 - 1) / 1.2), 10),
        closing_odd: 1.95,
      });
      expect(cardBody.value_bet.clv).toBeGreaterThan(0);
    } finally {
      await api.close();
    }

    // The route judges value bets by params.yaml's rule (edgeRuleOf), not a built-in one: at a 20 % threshold
    // Boca's draw (edge under 0.2) is no bet.
    const strict = { ...DEFAULT_EDGE_RULE, threshold: 0.2, ceiling: 0.25 };
    const stricter = await createApiFixture({ db, artifacts: false, edgeRule: strict });
    try {
      const body = (
        await stricter.app.inject({
          method: 'GET',
          url: '/v1/predict/track-record',
          headers: { 'x-api-key': API_KEY },
        })
      ).json();
      const expectedStrict = trackRecord(await loadTrackRecordInput(db), { edgeRule: strict });
      expect(expectedStrict.roi.flat.n_bets).toBe(2);
      expect(body).toMatchObject(JSON.parse(JSON.stringify(expectedStrict)));
    } finally {
      await stricter.close();
    }

    // The rest of params.yaml's betting settings too: the method route, the record and the card's CLV all take
    // the configured margin method and bootstrap, none the code default.
    const rules = {
      ...trackRecordRulesOf(loadParams()),
      marginMethod: 'power' as const,
      bootstrapResamples: 500,
      bootstrapSeed: 7,
    };
    const configured = await createApiFixture({ db, artifacts: false, trackRecordRules: rules });
    try {
      const get = (url: string) =>
        configured.app.inject({ method: 'GET', url, headers: { 'x-api-key': API_KEY } });
      expect((await get('/v1/predict/track-record/method')).json()).toMatchObject({
        margin_method: 'power',
        bootstrap_resamples: 500,
        bootstrap_seed: 7,
      });
      const configuredRecord = trackRecord(await loadTrackRecordInput(db), rules);
      expect((await get('/v1/predict/track-record')).json()).toMatchObject(
        JSON.parse(JSON.stringify(configuredRecord)),
      );
      expect(configuredRecord.clv.mean).not.toBe(expected.clv.mean);
      await writeAlphaCard(configured.store);
      await configured.refresh();
      const [cardBody] = (await get('/predict/cards/')).json();
      const { closing } = (await get(`/predict/odds/${id('Alpha')}`)).json();
      const pClose = removeMargin(
        [closing.odd_home, closing.odd_draw, closing.odd_away],
        'power',
      )[0] as number;
      expect(cardBody.value_bet.clv).toBeCloseTo(pClose * 2.2 - 1, 12);
    } finally {
      await configured.close();
    }
  });

  it.runIf(driver.available)('refuses to log a probability that is no number from 0 to 1', async () => {
    const before = await loadChain(db);
    for (const probabilities of [
      [Number.NaN, Number.NaN, Number.NaN],
      [0.5, 0.5, Number.POSITIVE_INFINITY],
      [1.2, -0.1, -0.1],
    ] as const)
      await expect(
        db.transaction((tx) =>
          appendPredictions(tx, [prediction('Alpha', '2026-01-08T07:00:00Z', probabilities)], chainedAt),
        ),
      ).rejects.toThrow(/prediction_log_probability_range/);
    expect(await loadChain(db)).toEqual(before);
  });

  it.runIf(driver.available)('catches a changed, a back-dated and a late prediction', async () => {
    await expect(db.query('UPDATE prediction_chain SET hash = hash')).rejects.toThrow(/append-only/);
    await db.query(
      `UPDATE prediction_log SET proba_home = 0.65, proba_away = 0.1
       WHERE id = (SELECT prediction_id FROM prediction_chain WHERE seq = 1)`,
    );
    // The goal markets are chained too (from entry format 2 on).
    await db.query(
      `UPDATE prediction_log SET proba_over_2_5 = 0.9
       WHERE id = (SELECT prediction_id FROM prediction_chain WHERE seq = 2)`,
    );
    await db.transaction((tx) =>
      appendPredictions(
        tx,
        [
          prediction('Beta', '2026-01-07T06:00:00Z', [0.5, 0.3, 0.2]),
          prediction('Gamma', '2026-01-11T14:00:00Z', [0.2, 0.3, 0.5]),
        ],
        chainedAt,
      ),
    );
    const problems = verifyChain(await loadChain(db)).problems.map((p) => [p.seq, p.problem]);
    expect(problems).toEqual([
      [1, 'hash-mismatch'],
      [2, 'hash-mismatch'],
      [4, 'out-of-order'],
      [5, 'logged-after-kickoff'],
    ]);
    expect(trackRecord(await loadTrackRecordInput(db)).late_predictions).toBe(1);
  });
});
