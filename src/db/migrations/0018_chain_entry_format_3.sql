-- Chain entry format 3 (src/domain/prediction-chain.ts, docs/adr/0017-chain-entry-format-3.md) also hashes each
-- team's earlier matches logged with the prediction, which decide whether its edge is bet.
ALTER TABLE prediction_chain DROP CONSTRAINT prediction_chain_format_check;
ALTER TABLE prediction_chain ADD CONSTRAINT prediction_chain_format_check CHECK (format IN (1, 2, 3));

-- Counts logged with format-2 entries (between migrations 0017 and this one) are covered by no hash, so a later
-- rewrite could not be told from them. Cleared, those predictions are judged on their prices alone, as the ones
-- logged before 0017 are; from here on a count on a format-1 or format-2 entry's row fails verification.
UPDATE prediction_log p SET home_matches_played = NULL, away_matches_played = NULL
FROM prediction_chain c
WHERE c.prediction_id = p.id AND c.format < 3 AND p.home_matches_played IS NOT NULL;
