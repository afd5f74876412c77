-- Demo simulator: the true outcome probabilities of every simulated match (the oracle, for evaluation only,
-- never a model input) and the day each seeded demo world was created, which fixes where its history starts.
CREATE TABLE demo_truth (
  match_id     bigint PRIMARY KEY REFERENCES matches (match_id) ON DELETE CASCADE,
  proba_home   double precision NOT NULL,
  proba_draw   double precision NOT NULL,
  proba_away   double precision NOT NULL,
  lambda_home  double precision NOT NULL,
  lambda_away  double precision NOT NULL
);

CREATE TABLE demo_worlds (
  seed        bigint PRIMARY KEY,
  anchor_at   timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
