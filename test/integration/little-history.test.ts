/**
 * A team the data has never seen (a promoted club whose division is not in the data, a league's first
 * fixtures) gets a probability but never a value bet: the pipeline logs each team's earlier matches with the
 * prediction, and the card, the track record and live_betting all flag its edge instead of betting it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeRuleOf } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { appendPredictions, withoutRepeats } from '../../src/db/prediction-log-repository.ts';
import { loadTrackRecordInput } from '../../src/db/track-record-repository.ts';
import { ARTIFACT_KEYS } from '../../src/domain/artifacts.ts';
import { valueBet } from '../../src/domain/value-bet.ts';
import { trackRecord } from '../../src/pipelines/reports/track-record.ts';
import { createPipeline, type PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import { getParquet } from '../../src/storage/artifact-io.ts';
import { predictionRows } from '../../src/storage/artifacts/artifact-tables.ts';
import { batchPrediction } from '../support/new-prediction.ts';
import { openPipelineWorld, type PipelineWorld } from '../support/pipeline-world.ts';
import { API_KEY, createApiFixture } from '../unit/api/fixture.ts';
import { PIPELINE_WORLD } from '../unit/pipelines/synthetic-world.ts';

const NOW = PIPELINE_WORLD.now;
const KICKOFF = new Date(NOW.getTime() + 2 * 86_400_000);

describe('a newcomer with no earlier match', () => {
  let world: PipelineWorld;
  let db: Db;
  let deps: PipelineDeps;
  let matchId: number;

  beforeAll(async () => {
    world = await openPipelineWorld();
    ({ deps } = world);
    ({ db } = deps);
    // A promoted club, at home to an established one two days from now.
    const [region] = await db.query<{ id: number }>(`SELECT id FROM regions WHERE code = 'TST'`);
    const [newcomer] = await db.query<{ id: number }>(
      `INSERT INTO teams (name, region_id, sex) VALUES ('TST Newcomers', $1, 0) RETURNING id`,
      [region?.id],
    );
    const [rival] = await db.query<{ id: number }>(`SELECT id FROM teams WHERE name = 'TST Team 0'`);
    const [match] = await db.query<{ match_id: number }>(
      `INSERT INTO matches (source, source_key, region_id, competition, season, sex, start_time_utc,
         home_team_id, away_team_id, status)
       VALUES ('synthetic', 'synthetic:newcomer', $1, 'TST League', '2022', 0, $2, $3, $4, 'scheduled')
       RETURNING match_id`,
      [region?.id, KICKOFF, newcomer?.id, rival?.id],
    );
    matchId = Number(match?.match_id);
  }, 120_000);

  afterAll(() => world?.close());

  it('is predicted with its history logged, and its edge is flagged everywhere, never bet', async () => {
    const pipeline = createPipeline(deps);
    await pipeline.run({ source: { kind: 'none' }, now: NOW });
    const [logged] = await db.query<{
      home_matches_played: number;
      away_matches_played: number;
      proba_home: number;
      proba_draw: number;
      proba_away: number;
    }>(
      `SELECT home_matches_played, away_matches_played, proba_home, proba_draw, proba_away
       FROM prediction_log WHERE match_id = $1 AND source = 'batch' AND model_alias = 'champion'`,
      [matchId],
    );
    if (logged === undefined) throw new Error('the newcomer was not predicted');
    expect(logged.home_matches_played).toBe(0);
    expect(logged.away_matches_played).toBeGreaterThanOrEqual(edgeRuleOf(deps.params).minMatchesPlayed);
    const artifact = await getParquet(deps.store, ARTIFACT_KEYS.predictions);
    const row = predictionRows(artifact?.table ?? {}).find((r) => r.match_id === matchId);
    expect(row).toMatchObject({ home_matches_played: 0, away_matches_played: logged.away_matches_played });

    // A pre-match price an hour later that gives the model's best outcome a +15 % edge: a bet for known teams.
    const model = [logged.proba_home, logged.proba_draw, logged.proba_away] as const;
    const best = model.indexOf(Math.max(...model));
    const fair = model.map((p) => 1 / p);
    const pre = fair.map((o, k) => (k === best ? 1.15 * o : o / 1.15)) as [number, number, number];
    expect(valueBet(model, pre, null)).not.toBeNull();
    await db.query(
      `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
       VALUES ($1, 'testbook', 'opening', $2, $3, $4, $5)`,
      [matchId, new Date(NOW.getTime() + 3_600_000), ...pre],
    );

    // The card before kick-off shows the probability and flags the edge, naming the history it lacked.
    await pipeline.run({ source: { kind: 'none' }, now: new Date(NOW.getTime() + 2 * 3_600_000) });
    const api = await createApiFixture({ db, store: deps.store, edgeRule: edgeRuleOf(deps.params) });
    try {
      const cards = (
        await api.app.inject({ method: 'GET', url: '/predict/cards/', headers: { 'x-api-key': API_KEY } })
      ).json() as Record<string, unknown>[];
      const card = cards.find((c) => c.match_id === matchId);
      expect(card).toMatchObject({
        value_bet: null,
        suspect_edge: { outcome: best, reason: 'little_history' },
        home_matches_played: 0,
      });
    } finally {
      await api.close();
    }

    // Played and won by the side the model liked: the track record and live_betting still bet nothing on it.
    const [home, away] = best === 0 ? [2, 0] : best === 2 ? [0, 2] : [1, 1];
    await db.query(
      `UPDATE matches SET status = 'finished', home_score = $2, away_score = $3 WHERE match_id = $1`,
      [matchId, home, away],
    );
    const record = trackRecord(
      (await loadTrackRecordInput(db)).filter((m) => m.matchId === matchId),
      { edgeRule: edgeRuleOf(deps.params) },
    );
    expect(record).toMatchObject({ matches_predicted: 1, graded: 1 });
    expect(record.roi.flat.n_bets).toBe(0);
    const reports = await pipeline.run({
      source: { kind: 'none' },
      now: new Date(KICKOFF.getTime() + 3 * 3_600_000),
    });
    const betting = reports.find((r) => r.stage === 'live_betting');
    expect(betting?.outcome?.metrics?.little_history_edges).toBeGreaterThanOrEqual(1);
  }, 300_000);

  it('logs a prediction again once its teams are counted, and not again after that', async () => {
    const row = batchPrediction(
      matchId,
      { trainedUntil: new Date(NOW.getTime() - 86_400_000), computedAt: NOW },
      { modelName: 'repeat-model' },
    );
    // Logged before the counts were kept: the same numbers are a repeat only while they still lack them.
    await db.transaction((tx) => appendPredictions(tx, [row], NOW));
    expect(await withoutRepeats(db, 'repeat-model', [row])).toEqual([]);
    const counted = { ...row, history: { home: 0, away: 12 } };
    expect(await withoutRepeats(db, 'repeat-model', [counted])).toEqual([counted]);
    await db.transaction((tx) => appendPredictions(tx, [counted], NOW));
    expect(await withoutRepeats(db, 'repeat-model', [counted])).toEqual([]);
  });

  it("logs a version's unchanged forecast again under its new alias: promoted, it is the champion's", async () => {
    const at = { trainedUntil: new Date(NOW.getTime() - 86_400_000), computedAt: NOW };
    const asChallenger = batchPrediction(matchId, at, {
      modelName: 'promoted-model',
      modelVersion: 5,
      modelAlias: 'challenger',
      history: { home: 0, away: 12 },
    });
    await db.transaction((tx) => appendPredictions(tx, [asChallenger], NOW));
    expect(await withoutRepeats(db, 'promoted-model', [asChallenger])).toEqual([]);
    const asChampion = { ...asChallenger, modelAlias: 'champion' };
    expect(await withoutRepeats(db, 'promoted-model', [asChampion])).toEqual([asChampion]);
  });
});
