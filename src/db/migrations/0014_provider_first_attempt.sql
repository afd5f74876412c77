-- When a provider file was first asked for. A file never pulled successfully is stale once that is longer ago
-- than its allowance; measured from the last attempt instead, which every hourly try moves, it never was.
-- Rows from before this migration start from their last success, else their last attempt (the earliest known).
ALTER TABLE provider_files ADD COLUMN first_attempt_at timestamptz;
UPDATE provider_files SET first_attempt_at = coalesce(last_success_at, last_attempt_at);
