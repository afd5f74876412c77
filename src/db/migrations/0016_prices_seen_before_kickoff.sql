-- Undated prices written while their match was still to kick off: what was on offer then, which the track record
-- bets at. A file pulled after kick-off listing other values (a results file) no longer replaces them; prices
-- first written after kick-off (a history imported after the fact) stay correctable. The rule is written once, in
-- src/db/import-repository.ts (SEEN_BEFORE_KICKOFF). Prices of matches still to come when this migration runs
-- were written before their kick-off.
ALTER TABLE odds ADD COLUMN seen_before_kickoff boolean NOT NULL DEFAULT false;
ALTER TABLE odds_over_under ADD COLUMN seen_before_kickoff boolean NOT NULL DEFAULT false;
UPDATE odds o SET seen_before_kickoff = true
  FROM matches m WHERE m.match_id = o.match_id AND o.collected_at IS NULL AND m.start_time_utc > now();
UPDATE odds_over_under o SET seen_before_kickoff = true
  FROM matches m WHERE m.match_id = o.match_id AND o.collected_at IS NULL AND m.start_time_utc > now();
