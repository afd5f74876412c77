-- Goal markets in the prediction log (issue #14 leftovers): over 2.5 and both teams to score are logged with
-- the 1X2 they were published with, so a finished match shows what was said before kick-off rather than a
-- recomputation. Both or neither: rows logged before this migration have neither, and show neither.
ALTER TABLE prediction_log
  ADD COLUMN proba_over_2_5 double precision CHECK (proba_over_2_5 BETWEEN 0 AND 1),
  ADD COLUMN proba_btts     double precision CHECK (proba_btts BETWEEN 0 AND 1),
  ADD CONSTRAINT prediction_log_goal_markets_together CHECK ((proba_over_2_5 IS NULL) = (proba_btts IS NULL));

-- The chain entry's format (src/domain/prediction-chain.ts): 1 hashes the 1X2 only and is what every entry
-- chained so far keeps; 2 also hashes the goal markets. No default from here on: the appender names it.
ALTER TABLE prediction_chain ADD COLUMN format smallint NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
ALTER TABLE prediction_chain ALTER COLUMN format DROP DEFAULT;
