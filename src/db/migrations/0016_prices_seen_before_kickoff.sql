-- Matches whose undated prices were written while their kick-off was still ahead: those prices were on offer,
-- and the track record bets at them. A file pulled after kick-off listing other values (a results file) no longer
-- replaces them; matches whose prices were first written after kick-off (a history imported after the fact) stay
-- correctable. The rule is written once, in src/db/import-repository.ts (REPLACEABLE_PRICE). A flag per match, not
-- per price: a column on the 2.3 million price rows would widen each by 8 bytes. Matches still to come when this
-- migration runs had their prices written before their kick-off.
ALTER TABLE matches ADD COLUMN prices_seen_before_kickoff boolean NOT NULL DEFAULT false;
UPDATE matches m SET prices_seen_before_kickoff = true
  WHERE m.start_time_utc > now() AND EXISTS (SELECT 1 FROM odds o WHERE o.match_id = m.match_id);
