-- Regions, teams, matches and their odds.
CREATE TABLE regions (
  id         serial PRIMARY KEY,
  code       text NOT NULL UNIQUE,
  name       text NOT NULL,
  country    text NOT NULL
);

CREATE TABLE teams (
  id         serial PRIMARY KEY,
  name       text NOT NULL,
  region_id  integer NOT NULL REFERENCES regions (id),
  sex        smallint NOT NULL DEFAULT 0 CHECK (sex IN (0, 1)),
  UNIQUE (region_id, sex, name)
);

CREATE TABLE matches (
  match_id        bigserial PRIMARY KEY,
  source          text NOT NULL,
  source_key      text NOT NULL UNIQUE,
  region_id       integer NOT NULL REFERENCES regions (id),
  competition     text NOT NULL,
  season          text NOT NULL,
  sex             smallint NOT NULL DEFAULT 0 CHECK (sex IN (0, 1)),
  start_time_utc  timestamptz NOT NULL,
  home_team_id    integer NOT NULL REFERENCES teams (id),
  away_team_id    integer NOT NULL REFERENCES teams (id),
  home_score      integer,
  away_score      integer,
  status          text NOT NULL CHECK (status IN ('scheduled', 'live', 'finished', 'postponed', 'cancelled')),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matches_start_time_idx ON matches (start_time_utc DESC);
CREATE INDEX matches_region_idx ON matches (region_id);

CREATE TABLE odds (
  match_id      bigint NOT NULL REFERENCES matches (match_id) ON DELETE CASCADE,
  bookmaker     text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('opening', 'closing', 'snapshot')),
  collected_at  timestamptz,
  odd_home      double precision NOT NULL CHECK (odd_home > 1),
  odd_draw      double precision NOT NULL CHECK (odd_draw > 1),
  odd_away      double precision NOT NULL CHECK (odd_away > 1),
  url           text,
  UNIQUE NULLS NOT DISTINCT (match_id, bookmaker, kind, collected_at)
);
