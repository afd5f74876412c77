-- Over/under goals prices (issue #14 item 2): a second market beside the 1X2 prices of `odds`, kept the same
-- way. One row per observation (match, bookmaker, kind, line, collected_at) under a unique key, so importing a
-- file again adds nothing. football-data.co.uk quotes the 2.5-goal line only; `line` leaves room for others.
CREATE TABLE odds_over_under (
  match_id      bigint NOT NULL REFERENCES matches (match_id) ON DELETE CASCADE,
  bookmaker     text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('opening', 'closing', 'snapshot')),
  line          double precision NOT NULL CHECK (line > 0),
  collected_at  timestamptz,
  odd_over      double precision NOT NULL CHECK (odd_over > 1),
  odd_under     double precision NOT NULL CHECK (odd_under > 1),
  UNIQUE NULLS NOT DISTINCT (match_id, bookmaker, kind, line, collected_at)
);

-- The odds history of this market, named as `odds_snapshots` names the 1X2 one (migration 0006): market
-- 'ou_2_5' for the 2.5 line, kind 'pre_match' or 'closing', and the same observation time for undated prices
-- (closing at kick-off, pre-match at football-data's publication time before it).
CREATE VIEW over_under_snapshots AS
  SELECT o.match_id, o.bookmaker, 'ou_' || replace(o.line::text, '.', '_') AS market,
         CASE o.kind WHEN 'closing' THEN 'closing' ELSE 'pre_match' END AS kind,
         coalesce(o.collected_at,
                  CASE o.kind WHEN 'closing' THEN m.start_time_utc
                              ELSE football_data_published_at(m.start_time_utc) END) AS observed_at,
         o.line, o.odd_over, o.odd_under
  FROM odds_over_under o JOIN matches m ON m.match_id = o.match_id
  WHERE o.kind <> 'snapshot' OR o.collected_at < m.start_time_utc;
