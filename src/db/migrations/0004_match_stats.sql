-- Match statistics from football-data.co.uk main-league files (shots, shots on target, corners). One row per
-- match that has at least one of them; a column is NULL when the source left it blank.
CREATE TABLE match_stats (
  match_id           bigint PRIMARY KEY REFERENCES matches (match_id) ON DELETE CASCADE,
  home_shots         integer,
  away_shots         integer,
  home_shots_target  integer,
  away_shots_target  integer,
  home_corners       integer,
  away_corners       integer
);
