-- football_data_published_at (migration 0006), same rule — the latest Tuesday or Friday 15:00 UTC strictly before
-- kick-off — as one expression without a FROM clause, so that PostgreSQL inlines it into the odds views instead
-- of running an 8-row generate_series per price (1.5 s of PostgreSQL time for the ~120,000 snapshots the
-- betting simulation's closing-line values read every day on a season's database). The day of the latest
-- 15:00 UTC strictly before kick-off (timestamps count microseconds) is stepped back by its distance to the
-- nearer of Tuesday and Friday: (isodow + 5) % 7 days to a Tuesday, (isodow + 2) % 7 to a Friday.
-- test/integration/published-at.test.ts checks it against 0006's definition over every quarter hour of weeks.
CREATE OR REPLACE FUNCTION football_data_published_at(kickoff timestamptz) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_trunc('day', kickoff AT TIME ZONE 'UTC' - interval '15:00:00.000001') + interval '15 hours'
          - make_interval(days => least(
              (extract(isodow FROM kickoff AT TIME ZONE 'UTC' - interval '15:00:00.000001')::int + 5) % 7,
              (extract(isodow FROM kickoff AT TIME ZONE 'UTC' - interval '15:00:00.000001')::int + 2) % 7)))
         AT TIME ZONE 'UTC'
$$;
