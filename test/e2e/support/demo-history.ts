/**
 * The database side of the demo artifacts, for the match detail's history: every demo match with its teams,
 * its odds history (an opening price a day out, the artifact's price three hours before kick-off, and for
 * finished matches a closing price that moved a little) and its prediction log (an earlier prediction, the
 * published one, and for finished champion matches a live one after kick-off, which the chart shows as such).
 */
import type { Db } from '../../../src/db/db.ts';
import { appendPredictions, type NewPrediction } from '../../../src/db/prediction-log-repository.ts';
import type { OddsRow, PredictionRow } from '../../../src/domain/artifacts.ts';
import type { DemoArtifacts } from './demo-artifacts.ts';

const HOUR = 3_600_000;

/** A deterministic move of a price, within ±4 %, never below 1.01. */
const moved = (price: number, matchId: number, k: number) =>
  Math.max(1.01, Math.round(price * (1 + 0.04 * Math.sin(matchId * 1.7 + k * 2.1)) * 100) / 100);

export async function seedDemoHistory(db: Db, artifacts: DemoArtifacts): Promise<void> {
  const { predictions } = artifacts;
  const regions = [...new Map(predictions.map((p) => [p.region_id, p.region_name])).entries()];
  await db.query(
    `INSERT INTO regions (id, code, name, country)
     SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[])`,
    [
      regions.map(([id]) => id),
      regions.map(([id]) => `demo-${id}`),
      regions.map(([, n]) => n),
      regions.map(([, n]) => n),
    ],
  );
  const teamKey = (regionId: number, sex: number, name: string) => `${regionId}|${sex}|${name}`;
  const teams = new Map<string, [number, number, string]>();
  for (const p of predictions)
    for (const name of [p.home_team_name, p.away_team_name])
      teams.set(teamKey(p.region_id, p.sex, name), [p.region_id, p.sex, name]);
  const list = [...teams.values()];
  const ids = await db.query<{ id: number; region_id: number; sex: number; name: string }>(
    `INSERT INTO teams (region_id, sex, name) SELECT * FROM unnest($1::int[], $2::smallint[], $3::text[])
     RETURNING id, region_id, sex, name`,
    [list.map((t) => t[0]), list.map((t) => t[1]), list.map((t) => t[2])],
  );
  const teamId = new Map(ids.map((t) => [teamKey(t.region_id, t.sex, t.name), t.id]));
  const team = (p: PredictionRow, name: string) => teamId.get(teamKey(p.region_id, p.sex, name)) as number;
  await db.query(
    `INSERT INTO matches (match_id, source, source_key, region_id, competition, season, sex, start_time_utc,
                          home_team_id, away_team_id, home_score, away_score, status)
     SELECT m, 'demo-e2e', 'demo-e2e-' || m, r, c, '2026', s, t, h, a, hs, aws, st
     FROM unnest($1::bigint[], $2::int[], $3::text[], $4::smallint[], $5::timestamptz[], $6::int[], $7::int[],
                 $8::int[], $9::int[], $10::text[]) AS u(m, r, c, s, t, h, a, hs, aws, st)`,
    [
      predictions.map((p) => p.match_id),
      predictions.map((p) => p.region_id),
      predictions.map((p) => p.region_name),
      predictions.map((p) => p.sex),
      predictions.map((p) => p.start_time_utc),
      predictions.map((p) => team(p, p.home_team_name)),
      predictions.map((p) => team(p, p.away_team_name)),
      predictions.map((p) => p.home_score),
      predictions.map((p) => p.away_score),
      predictions.map((p) => p.status),
    ],
  );
  await seedOdds(db, artifacts.odds, new Map(predictions.map((p) => [p.match_id, p])));
  const log = predictionLog(predictions);
  // Chained when the latest of them was logged, as the batch run that logged it would have.
  const chainedAt = new Date(Math.max(...log.map((p) => p.computedAt.getTime())));
  await db.transaction((tx) => appendPredictions(tx, log, chainedAt));
}

async function seedOdds(db: Db, odds: readonly OddsRow[], byId: Map<number, PredictionRow>): Promise<void> {
  const rows: [number, string, string, string | null, number, number, number][] = [];
  for (const o of odds) {
    const p = byId.get(o.match_id);
    if (p === undefined) continue;
    const start = Date.parse(p.start_time_utc);
    const prices = [o.odd_home, o.odd_draw, o.odd_away];
    const opening = prices.map((x, k) => moved(x, o.match_id, k + 1.5));
    rows.push([
      o.match_id,
      o.bookmaker,
      'opening',
      new Date(start - 24 * HOUR).toISOString(),
      ...(opening as [number, number, number]),
    ]);
    rows.push([o.match_id, o.bookmaker, 'snapshot', o.collected_at, o.odd_home, o.odd_draw, o.odd_away]);
    if (p.status === 'finished') {
      const closing = prices.map((x, k) => moved(x, o.match_id, k));
      rows.push([o.match_id, o.bookmaker, 'closing', null, ...(closing as [number, number, number])]);
    }
  }
  await db.query(
    `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::float8[], $6::float8[],
                          $7::float8[])`,
    [0, 1, 2, 3, 4, 5, 6].map((k) => rows.map((r) => r[k])),
  );
  // The rows above carry the demo's own ids: move the sequences past them, so a later import (a test's own
  // seed) numbers its regions and matches after them.
  await db.query(
    `SELECT setval(pg_get_serial_sequence('regions', 'id'), (SELECT max(id) FROM regions)),
            setval(pg_get_serial_sequence('matches', 'match_id'), (SELECT max(match_id) FROM matches))`,
  );
}

function predictionLog(predictions: readonly PredictionRow[]): NewPrediction[] {
  const out: NewPrediction[] = [];
  for (const p of predictions) {
    const start = Date.parse(p.start_time_utc);
    const backtest = p.model_stage === 'backtest';
    const base = {
      matchId: p.match_id,
      modelName: p.model_name,
      modelVersion: p.model_version,
      modelAlias: backtest ? null : 'champion',
      runId: p.model_run_id,
      source: backtest ? ('backtest' as const) : ('batch' as const),
      trainedUntil: new Date(p.trained_until),
      goalMarkets:
        p.proba_over_2_5 != null && p.proba_btts != null
          ? { over25: p.proba_over_2_5, btts: p.proba_btts }
          : null,
    };
    const published: [number, number, number] = [p.proba_home, p.proba_draw, p.proba_away];
    // A day out the model leaned a little further towards home than at the published run.
    const earlier = [p.proba_home + 0.03, p.proba_draw, p.proba_away - 0.03];
    const earlierAt = Math.min(start - 26 * HOUR, Date.parse(p.computed_at) - 24 * HOUR);
    if (!backtest && earlier[2]! > 0)
      out.push({
        ...base,
        probabilities: earlier as [number, number, number],
        computedAt: new Date(earlierAt),
      });
    out.push({ ...base, probabilities: published, computedAt: new Date(p.computed_at) });
    if (!backtest && p.status === 'finished')
      out.push({ ...base, source: 'live', probabilities: published, computedAt: new Date(start + HOUR) });
  }
  return out;
}
