-- The odds table's version: bumped by every statement that writes, changes or deletes at least one of its rows,
-- in the writer's transaction (so it shows with the rows, at commit), so a reader can tell whether the odds
-- history it holds is current by reading one row. The API asked every minute with a count and a sum over the
-- whole table: 2.3 million rows on the shared football-data history, a scan that in the embedded database ran on
-- the API's event loop (a client polling saw one 0.2–0.9 s answer each minute). A statement that writes nothing
-- (a re-import of the same files writes no odds row) leaves the version as it is. Transition tables allow one
-- event per trigger, hence one trigger per event.
CREATE TABLE odds_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL
);
INSERT INTO odds_version (version) VALUES (1);

CREATE FUNCTION odds_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- changed_rows exists for the row events only; plpgsql plans a branch when it runs it.
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE odds_version SET version = version + 1;
  ELSIF EXISTS (SELECT 1 FROM changed_rows) THEN
    UPDATE odds_version SET version = version + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER odds_version_insert AFTER INSERT ON odds REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION odds_version_bump();
CREATE TRIGGER odds_version_update AFTER UPDATE ON odds REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION odds_version_bump();
CREATE TRIGGER odds_version_delete AFTER DELETE ON odds REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION odds_version_bump();
CREATE TRIGGER odds_version_truncate AFTER TRUNCATE ON odds
  FOR EACH STATEMENT EXECUTE FUNCTION odds_version_bump();
