-- Provider sync (issue #13): one row per provider file Matchcast pulls — what the conditional GET needs next
-- time (ETag, Last-Modified), what the last pull brought, and the file's health — plus every pulled body as a
-- content-addressed artifact (sha256 key), so any import can be replayed and audited.
CREATE TABLE provider_files (
  url               text PRIMARY KEY,
  -- The provider path, e.g. mmz4281/2526/E0.csv, new/ARG.csv, fixtures.csv.
  path              text NOT NULL,
  etag              text,
  last_modified     text,
  -- Body of the last successful pull (artifact provider/raw/<sha256>.csv).
  sha256            text,
  rows              integer,
  last_attempt_at   timestamptz,
  last_success_at   timestamptz,
  -- When the bytes last differed from the previous pull.
  last_changed_at   timestamptz,
  -- Consecutive failed pulls (reset by a success) and the latest reason.
  failures          integer NOT NULL DEFAULT 0,
  last_error        text,
  status            text NOT NULL CHECK (status IN ('ok', 'missing', 'rejected', 'failed')),
  -- A past season pulled after it ended: it will not change again, so it is neither re-pulled nor stale.
  final             boolean NOT NULL DEFAULT false,
  -- The source counts as stale when it has not changed for this long (params sync.stale_after_hours).
  stale_after_hours integer NOT NULL
);

-- Append-only: every body pulled (200), imported or rejected, with the raw bytes' key.
CREATE TABLE provider_pulls (
  id          bigserial PRIMARY KEY,
  url         text NOT NULL,
  sha256      text NOT NULL,
  bytes       integer NOT NULL,
  fetched_at  timestamptz NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('imported', 'rejected')),
  reason      text
);
CREATE INDEX provider_pulls_url_idx ON provider_pulls (url, fetched_at DESC);
