/**
 * One match's life through the real stages (issue #13): the pipeline predicts it before kick-off (logged and
 * chained), a pre-match and a closing price arrive, the result comes in, and the track record grades it and
 * computes the bet's closing-line value; the next run's live_betting reports CLV in its metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { loadChain, loadTrackRecordInput } from '../../src/db/track-record-repository.ts';
import { DEFAULT_MARGIN_METHOD, removeMargin } from '../../src/domain/margin-removal.ts';
import { verifyChain } from '../../src/domain/prediction-chain.ts';
import { valueBet } from '../../src/domain/value-bet.ts';
import { trackRecord } from '../../src/pipelines/reports/track-record.ts';
import { createPipeline, type PipelineDeps } from '../../src/pipelines/run/pipeline.ts';
import { openPipelineWorld, type PipelineWorld } from '../support/pipeline-world.ts';
import { PIPELINE_WORLD } from '../unit/pipelines/synthetic-world.ts';

const NOW = PIPELINE_WORLD.now;

describe('one match, from prediction to graded CLV', () => {
  let world: PipelineWorld;
  let db: Db;
  let deps: PipelineDeps;

  beforeAll(async () => {
    world = await openPipelineWorld();
    ({ deps } = world);
    ({ db } = deps);
  }, 120_000);

  afterAll(() => world?.close());

  it('predicts before kick-off, grades after the result and measures the closing line', async () => {
    const pipeline = createPipeline(deps);
    await pipeline.run({ source: { kind: 'none' }, now: NOW });

    // The first upcoming match the champion predicted.
    const [match] = await db.query<{
      match_id: number;
      kickoff: Date;
      computed_at: Date;
      proba_home: number;
      proba_draw: number;
      proba_away: number;
    }>(
      `SELECT m.match_id, m.start_time_utc AS kickoff, p.computed_at, p.proba_home, p.proba_draw, p.proba_away
       FROM prediction_log p JOIN matches m USING (match_id)
       WHERE p.source = 'batch' AND m.start_time_utc > $1 ORDER BY m.start_time_utc, m.match_id LIMIT 1`,
      [NOW],
    );
    if (match === undefined) throw new Error('nothing predicted');
    const id = Number(match.match_id);
    expect(match.computed_at.getTime()).toBe(NOW.getTime());
    expect(verifyChain(await loadChain(db))).toMatchObject({ ok: true });

    // A generous pre-match price an hour after the prediction (its best edge +15 %, inside the value-bet rule's
    // threshold and ceiling whatever the model thinks), then the result.
    const [closing] = await db.query<{ odd_home: number; odd_draw: number; odd_away: number }>(
      `SELECT odd_home, odd_draw, odd_away FROM odds WHERE match_id = $1 AND kind = 'closing'`,
      [id],
    );
    if (closing === undefined) throw new Error('no closing price');
    const close = [closing.odd_home, closing.odd_draw, closing.odd_away] as const;
    const model = [match.proba_home, match.proba_draw, match.proba_away];
    const factor = 1.15 / Math.max(...model.map((p, i) => p * (close[i] as number)));
    const pre = [close[0] * factor, close[1] * factor, close[2] * factor] as const;
    await db.query(
      `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
       VALUES ($1, 'testbook', 'opening', $2, $3, $4, $5)`,
      [id, new Date(NOW.getTime() + 3_600_000), ...pre],
    );
    await db.query(
      `UPDATE matches SET status = 'finished', home_score = 2, away_score = 1 WHERE match_id = $1`,
      [id],
    );

    const input = (await loadTrackRecordInput(db)).filter((m) => m.matchId === id);
    const record = trackRecord(input);
    expect(record).toMatchObject({ matches_predicted: 1, late_predictions: 0, graded: 1 });
    const logged = input[0]?.predictions[0];
    if (logged === undefined) throw new Error('no prediction');
    const published = logged.probabilities;
    const bet = valueBet(published, pre, logged.history);
    if (bet === null) throw new Error('no value bet at the generous price');
    const pClose = removeMargin(
      [closing.odd_home, closing.odd_draw, closing.odd_away],
      DEFAULT_MARGIN_METHOD,
    )[bet.outcome] as number;
    expect(record.clv).toMatchObject({ n_bets: 1, mean: expect.closeTo(pClose * bet.odd - 1, 12) });
    expect(record.roi.flat).toMatchObject({
      n_bets: 1,
      roi_pct: bet.outcome === 0 ? expect.closeTo(100 * (bet.odd - 1), 9) : -100,
    });

    // The next run settles the bet in live_betting (at the latest pre-kick-off price, here the close).
    const after = new Date(match.kickoff.getTime() + 3 * 3_600_000);
    const reports = await pipeline.run({ source: { kind: 'none' }, now: after });
    const betting = reports.find((r) => r.stage === 'live_betting');
    expect(betting?.outcome?.metrics).toMatchObject({
      clv_n_bets: expect.any(Number),
      taken_at_close: expect.any(Number),
    });
    expect(verifyChain(await loadChain(db))).toMatchObject({ ok: true });
  }, 300_000);

  it('keeps the chain verified when a predicted match is moved earlier, and leaves it out of the record', async () => {
    // The provider brings a predicted match forward to before its predictions were logged, as sync writes it.
    const [match] = await db.query<{ match_id: number; kickoff: Date; logged: number }>(
      `SELECT m.match_id, m.start_time_utc AS kickoff, count(*)::int AS logged
       FROM prediction_chain c JOIN prediction_log p ON p.id = c.prediction_id JOIN matches m USING (match_id)
       WHERE m.start_time_utc > $1 GROUP BY m.match_id ORDER BY m.start_time_utc DESC, m.match_id LIMIT 1`,
      [NOW],
    );
    if (match === undefined) throw new Error('nothing predicted');
    const id = Number(match.match_id);
    const moved = new Date(NOW.getTime() - 3_600_000);
    await db.query('UPDATE matches SET start_time_utc = $2 WHERE match_id = $1', [id, moved]);

    const verdict = verifyChain(await loadChain(db));
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.movedKickoffs).toHaveLength(match.logged);
    expect(verdict.movedKickoffs[0]?.detail).toContain(
      `for a kick-off at ${match.kickoff.toISOString()}, since moved to ${moved.toISOString()}`,
    );
    // Made after the match began as it is now known: counted late, never graded.
    const record = trackRecord((await loadTrackRecordInput(db)).filter((m) => m.matchId === id));
    expect(record).toMatchObject({ matches_predicted: 0, late_predictions: match.logged });
  }, 60_000);
});
