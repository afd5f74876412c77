-- The kick-off the database held for a match when a prediction of it was logged. A match moved earlier after its
-- predictions were logged leaves them at or after the kick-off recorded now: the track record leaves them out
-- (they were in fact made after the match began), yet they are no sign of a late or back-dated entry, and
-- verify-track-record tells the two apart by this column. Not hashed by the chain (docs/track-record.md, "What
-- it does not prove"). Rows logged before this migration have none and are judged by the kick-off now.
ALTER TABLE prediction_log ADD COLUMN kickoff_when_logged timestamptz;
