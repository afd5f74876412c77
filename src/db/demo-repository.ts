/** The demo simulator's own tables: true probabilities per match and the anchor day of each seeded world. */
import type { Probabilities } from '../domain/outcome.ts';
import type { Queryable } from './db.ts';

// $1 seed
const SELECT_ANCHOR = 'SELECT anchor_at FROM demo_worlds WHERE seed = $1';
// $1 seed, $2 anchor. The first writer wins: a world's history never moves once created.
const INSERT_ANCHOR =
  'INSERT INTO demo_worlds (seed, anchor_at) VALUES ($1, $2) ON CONFLICT (seed) DO NOTHING';

/** The day the world of `seed` was created in this database, or null when it has not been. */
export async function loadDemoAnchor(q: Queryable, seed: number): Promise<Date | null> {
  const [row] = await q.query<{ anchor_at: Date }>(SELECT_ANCHOR, [seed]);
  return row?.anchor_at ?? null;
}

/** How many matches the database holds: a demo world is created only in an empty one. */
export async function countMatches(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM matches');
  return row?.n ?? 0;
}

export async function saveDemoAnchor(q: Queryable, seed: number, anchor: Date): Promise<void> {
  await q.query(INSERT_ANCHOR, [seed, anchor.toISOString()]);
}

export interface DemoTruthInput {
  readonly matchId: number;
  readonly pHome: number;
  readonly pDraw: number;
  readonly pAway: number;
  readonly lambdaHome: number;
  readonly lambdaAway: number;
}

// $1 match ids, $2..$4 probabilities, $5 $6 expected goals. Identical rows are left alone.
const UPSERT_TRUTH = `
  INSERT INTO demo_truth AS t (match_id, proba_home, proba_draw, proba_away, lambda_home, lambda_away)
  SELECT * FROM unnest($1::bigint[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
  ON CONFLICT (match_id) DO UPDATE SET
    proba_home = EXCLUDED.proba_home, proba_draw = EXCLUDED.proba_draw, proba_away = EXCLUDED.proba_away,
    lambda_home = EXCLUDED.lambda_home, lambda_away = EXCLUDED.lambda_away
  WHERE (t.proba_home, t.proba_draw, t.proba_away, t.lambda_home, t.lambda_away)
    IS DISTINCT FROM (EXCLUDED.proba_home, EXCLUDED.proba_draw, EXCLUDED.proba_away, EXCLUDED.lambda_home,
                      EXCLUDED.lambda_away)`;

export async function upsertDemoTruth(q: Queryable, rows: readonly DemoTruthInput[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(UPSERT_TRUTH, [
    rows.map((r) => r.matchId),
    rows.map((r) => r.pHome),
    rows.map((r) => r.pDraw),
    rows.map((r) => r.pAway),
    rows.map((r) => r.lambdaHome),
    rows.map((r) => r.lambdaAway),
  ]);
}

// Finished matches with a stored truth: mean −ln p(actual outcome).
const SELECT_ORACLE_LOG_LOSS = `
  SELECT count(*)::int AS matches,
         avg(-ln(CASE WHEN m.home_score > m.away_score THEN t.proba_home
                      WHEN m.home_score = m.away_score THEN t.proba_draw
                      ELSE t.proba_away END)) AS log_loss
  FROM demo_truth t JOIN matches m USING (match_id)
  WHERE m.status = 'finished' AND m.home_score IS NOT NULL AND m.away_score IS NOT NULL`;

/** The oracle's log loss over every finished demo match in the database (null log loss when none). */
export async function loadDemoOracleLogLoss(
  q: Queryable,
): Promise<{ matches: number; logLoss: number | null }> {
  const [row] = await q.query<{ matches: number; log_loss: number | null }>(SELECT_ORACLE_LOG_LOSS);
  return { matches: row?.matches ?? 0, logLoss: row?.log_loss ?? null };
}

// The simulator's true probabilities, when its table exists (demo databases only).
const SELECT_TRUTH_TABLE = `SELECT to_regclass('demo_truth') IS NOT NULL AS present`;
const SELECT_TRUTH = 'SELECT match_id, proba_home, proba_draw, proba_away FROM demo_truth';

/** The demo world's true probabilities by match id; empty outside demo databases. */
export async function loadDemoTruth(q: Queryable): Promise<Map<number, Probabilities>> {
  const [exists] = await q.query<{ present: boolean }>(SELECT_TRUTH_TABLE);
  const truth = new Map<number, Probabilities>();
  if (!exists?.present) return truth;
  const rows = await q.query<{
    match_id: number;
    proba_home: number;
    proba_draw: number;
    proba_away: number;
  }>(SELECT_TRUTH);
  for (const r of rows) truth.set(Number(r.match_id), [r.proba_home, r.proba_draw, r.proba_away]);
  return truth;
}
