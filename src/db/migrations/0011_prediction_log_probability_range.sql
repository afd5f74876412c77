-- A logged probability is a number from 0 to 1. The log is append-only and its live and batch rows are chained
-- into the public track record, so a NaN (one came from a goal-model bug, 2026-12-05) or an infinity must fail
-- the insert, loudly, rather than be kept and published. NaN compares above every number in PostgreSQL, so it
-- fails BETWEEN. NOT VALID: rows logged before are not re-checked, so the migration cannot fail on old data.
ALTER TABLE prediction_log
  ADD CONSTRAINT prediction_log_probability_range CHECK (
    proba_home BETWEEN 0 AND 1 AND proba_draw BETWEEN 0 AND 1 AND proba_away BETWEEN 0 AND 1
    AND (proba_over_2_5 IS NULL OR proba_over_2_5 BETWEEN 0 AND 1)
    AND (proba_btts IS NULL OR proba_btts BETWEEN 0 AND 1)
  ) NOT VALID;
