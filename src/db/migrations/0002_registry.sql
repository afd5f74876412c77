-- Pipeline runs, the model registry (versions, aliases, promotion history) and the prediction log.
CREATE TABLE runs (
  run_id            text PRIMARY KEY,
  experiment        text NOT NULL,
  stage             text NOT NULL,
  status            text NOT NULL CHECK (status IN ('running', 'success', 'failed', 'skipped')),
  params            jsonb NOT NULL DEFAULT '{}',
  metrics           jsonb NOT NULL DEFAULT '{}',
  artifacts         jsonb NOT NULL DEFAULT '{}',
  data_fingerprint  text,
  error             text,
  started_at        timestamptz NOT NULL DEFAULT now(),
  ended_at          timestamptz
);
CREATE INDEX runs_stage_idx ON runs (stage, started_at DESC);

CREATE TABLE model_versions (
  name                 text NOT NULL,
  version              integer NOT NULL,
  run_id               text REFERENCES runs (run_id),
  artifact_uri         text NOT NULL,
  sha256               text NOT NULL,
  signature            jsonb NOT NULL,
  metrics              jsonb NOT NULL DEFAULT '{}',
  params               jsonb NOT NULL DEFAULT '{}',
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, version)
);

CREATE TABLE model_aliases (
  name        text NOT NULL,
  alias       text NOT NULL CHECK (alias IN ('champion', 'challenger', 'candidate')),
  version     integer NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, alias),
  FOREIGN KEY (name, version) REFERENCES model_versions (name, version)
);

-- Append-only: every alias move, by whom, why.
CREATE TABLE model_promotions (
  id            bigserial PRIMARY KEY,
  name          text NOT NULL,
  alias         text NOT NULL,
  from_version  integer,
  to_version    integer,
  actor         text NOT NULL,
  reason        text NOT NULL,
  at            timestamptz NOT NULL DEFAULT now()
);

-- Append-only: every probability ever published. `trained_until` is the latest kick-off the model saw in
-- training, so honesty is checkable: a probability for a match may be shown only when trained_until < kick-off.
CREATE TABLE prediction_log (
  id             bigserial PRIMARY KEY,
  match_id       bigint NOT NULL REFERENCES matches (match_id) ON DELETE CASCADE,
  model_name     text NOT NULL,
  model_version  integer,
  model_alias    text,
  run_id         text,
  source         text NOT NULL CHECK (source IN ('batch', 'backtest', 'live')),
  proba_home     double precision NOT NULL,
  proba_draw     double precision NOT NULL,
  proba_away     double precision NOT NULL,
  trained_until  timestamptz NOT NULL,
  computed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prediction_log_match_idx ON prediction_log (match_id, computed_at DESC);
