-- Versions of what the API caches, in one row, bumped in the writer's transaction (so they show with the rows,
-- at commit). `closed_odds`: the prices of matches whose market has closed (they have a closing price), which
-- the cards' closing lines hold; it replaces migration 0012's version of the whole odds table, which every new
-- price for an upcoming fixture (each hourly sync) moved, and with it a re-read of every closed match's history
-- (2.3 million prices on the shared history). `published` and `backtest`: one per track record, moved when a
-- prediction of its kind is logged or removed, or when a match or a price of a match with such a prediction
-- changes, and only then: the backtest's 150,000 matches are graded in half a minute, and a price for a fixture
-- or a result of a match it never predicted must not send the next reader through that again. Until now the API
-- read a count and a checksum over matches and the log on every track-record request, cached answers included:
-- 0.2–0.4 s of the embedded database's event loop on the shared history.
-- One row for all: every writer that bumps more than one takes the same single row lock, so no two can
-- deadlock over the order they take them in.
CREATE TABLE data_version (
  only_row     boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  closed_odds  bigint NOT NULL,
  published    bigint NOT NULL DEFAULT 1,
  backtest     bigint NOT NULL DEFAULT 1
);
INSERT INTO data_version (closed_odds) SELECT version FROM odds_version;

DROP TRIGGER odds_version_insert ON odds;
DROP TRIGGER odds_version_update ON odds;
DROP TRIGGER odds_version_delete ON odds;
DROP TRIGGER odds_version_truncate ON odds;
DROP FUNCTION odds_version_bump();
DROP TABLE odds_version;

-- Which versions a statement's rows touch. A price touches the closed prices when it is a closing price or its
-- match has one, and so does a match with one (a closing price is dated by its match's kick-off). A match or a
-- price touches a track record when the match has a prediction of its kind. Each probe runs once per match the
-- statement touched, on an index (a LATERAL subquery, so the planner cannot hash a whole table for every
-- statement of an import); the log's none while it is empty (a first import).
CREATE FUNCTION data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  closed_changed boolean := false;
  published_changed boolean := false;
  backtest_changed boolean := false;
BEGIN
  -- changed_rows exists for the row events only; plpgsql plans a branch when it runs it.
  IF TG_OP = 'TRUNCATE' THEN
    closed_changed := TG_TABLE_NAME = 'odds';
    published_changed := true;
    backtest_changed := true;
  ELSIF TG_TABLE_NAME = 'prediction_log' THEN
    SELECT coalesce(bool_or(source <> 'backtest'), false), coalesce(bool_or(source = 'backtest'), false)
      INTO published_changed, backtest_changed FROM changed_rows;
  ELSE
    IF TG_TABLE_NAME = 'odds' THEN
      closed_changed := EXISTS (SELECT 1 FROM changed_rows WHERE kind = 'closing');
    END IF;
    closed_changed := closed_changed OR EXISTS (
      SELECT 1 FROM (SELECT DISTINCT match_id FROM changed_rows) AS c, LATERAL (
        SELECT 1 FROM odds o WHERE o.match_id = c.match_id AND o.kind = 'closing' LIMIT 1
      ) AS hit);
    IF EXISTS (SELECT 1 FROM prediction_log) THEN
      SELECT coalesce(bool_or(hit.published), false), coalesce(bool_or(hit.backtest), false)
        INTO published_changed, backtest_changed
        FROM (SELECT DISTINCT match_id FROM changed_rows) AS c, LATERAL (
          SELECT bool_or(p.source <> 'backtest') AS published, bool_or(p.source = 'backtest') AS backtest
          FROM prediction_log p WHERE p.match_id = c.match_id
        ) AS hit;
    END IF;
  END IF;
  IF closed_changed OR published_changed OR backtest_changed THEN
    UPDATE data_version SET closed_odds = closed_odds + closed_changed::int,
                            published = published + published_changed::int,
                            backtest = backtest + backtest_changed::int;
  END IF;
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger, hence one trigger per table and event.
DO $$
DECLARE
  t text;
  e text;
BEGIN
  FOREACH t IN ARRAY ARRAY['odds', 'matches', 'prediction_log'] LOOP
    FOREACH e IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
      EXECUTE format(
        'CREATE TRIGGER data_version_%1$s AFTER %1$s ON %2$I REFERENCING %3$s TABLE AS changed_rows '
          'FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()',
        e, t, CASE e WHEN 'delete' THEN 'OLD' ELSE 'NEW' END);
    END LOOP;
    EXECUTE format(
      'CREATE TRIGGER data_version_truncate AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION data_version_bump()',
      t);
  END LOOP;
END
$$;
