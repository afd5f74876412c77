-- Odds history and the tamper-evident prediction chain (issue #13 items 3 and 5).
--
-- Odds history: the `odds` table already holds one row per observation (match, bookmaker, kind, collected_at,
-- prices) under a unique key, so re-importing a file adds nothing. `odds_snapshots` names those rows as the
-- issue does: market '1x2' (the only market stored), kind 'pre_match' or 'closing', and an observed_at for
-- every row. football-data.co.uk's files carry no collection time, so an undated closing price is observed
-- at kick-off and an undated pre-match price at the provider's publication time (football_data_published_at).

-- football-data.co.uk collects its pre-match prices on Friday afternoon for weekend games and on Tuesday for
-- midweek games. The publication time is taken as the latest Tuesday or Friday 15:00 UTC strictly before
-- kick-off: the latest moment the price can have been collected, so a replay never uses a price before it
-- existed. A kick-off before 15:00 on a Tuesday or Friday falls back to the previous collection day.
CREATE FUNCTION football_data_published_at(kickoff timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT max(t) FROM (
    SELECT (date_trunc('day', kickoff AT TIME ZONE 'UTC') - make_interval(days => d) + interval '15 hours')
           AT TIME ZONE 'UTC' AS t
    FROM generate_series(0, 7) AS d
  ) AS c
  WHERE extract(isodow FROM t AT TIME ZONE 'UTC') IN (2, 5) AND t < kickoff
$$;

-- 'snapshot' rows (dated observations) count as pre-match only before kick-off; in-play prices are left out.
CREATE VIEW odds_snapshots AS
  SELECT o.match_id, o.bookmaker, '1x2'::text AS market,
         CASE o.kind WHEN 'closing' THEN 'closing' ELSE 'pre_match' END AS kind,
         coalesce(o.collected_at,
                  CASE o.kind WHEN 'closing' THEN m.start_time_utc
                              ELSE football_data_published_at(m.start_time_utc) END) AS observed_at,
         o.odd_home, o.odd_draw, o.odd_away, o.url
  FROM odds o JOIN matches m ON m.match_id = o.match_id
  WHERE o.kind <> 'snapshot' OR o.collected_at < m.start_time_utc;

-- The prediction chain: every batch or live prediction, in the order it was logged, hashed with the previous
-- entry's hash (src/domain/prediction-chain.ts says exactly what is hashed). Walk-forward backtest rows are
-- not published before kick-off, are replaced on every backtest run, and are not chained. Append-only: the
-- trigger refuses updates and deletes, and a prediction that is chained cannot be deleted.
CREATE TABLE prediction_chain (
  seq            bigint PRIMARY KEY CHECK (seq >= 1),
  prediction_id  bigint NOT NULL UNIQUE REFERENCES prediction_log (id),
  prev_hash      text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash           text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$'),
  chained_at     timestamptz NOT NULL
);

CREATE FUNCTION prediction_chain_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'prediction_chain is append-only';
END
$$;

CREATE TRIGGER prediction_chain_append_only BEFORE UPDATE OR DELETE ON prediction_chain
  FOR EACH ROW EXECUTE FUNCTION prediction_chain_append_only();
