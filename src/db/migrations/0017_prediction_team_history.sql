-- Each team's earlier matches in the data when the prediction was made (the feature row's home_matches_played
-- and away_matches_played, counted up to features.matches_played_cap). An edge found for a team with fewer than
-- train.min_matches_played is flagged, not bet (src/domain/value-bet.ts), in the cards, the betting stage and the
-- track record alike. Not hashed by the chain. Rows logged before this migration have none and are judged on
-- their prices alone.
ALTER TABLE prediction_log
  ADD COLUMN home_matches_played smallint,
  ADD COLUMN away_matches_played smallint,
  ADD CONSTRAINT prediction_log_team_history CHECK (
    (home_matches_played IS NULL) = (away_matches_played IS NULL)
    AND home_matches_played >= 0 AND away_matches_played >= 0
  );
