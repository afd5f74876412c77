-- Expected goals per side, where a source gives them (FootyStats women's files: HomeXG / AwayXG, the match's own
-- post-match figures, read like any other statistic: only later matches' features see them). NULL elsewhere.
ALTER TABLE match_stats
  ADD COLUMN home_xg double precision CHECK (home_xg >= 0),
  ADD COLUMN away_xg double precision CHECK (away_xg >= 0);
