/**
 * What an import asks of the leagues already stored before it reads new files: how each writes its seasons,
 * and which dates football-data covers.
 */
import type { Queryable } from './db.ts';

// The season label of each league's latest finished match (a league: region code and competition).
const SELECT_LATEST_SEASONS = `
  SELECT DISTINCT ON (r.code, m.competition) r.code AS region_code, m.competition, m.season
  FROM matches m JOIN regions r ON r.id = m.region_id
  WHERE m.status = 'finished'
  ORDER BY r.code, m.competition, m.start_time_utc DESC`;

/** Each stored league's latest finished season label: how its seasons are written (`2024` or `2024-25`). */
export function loadLatestSeasonLabels(
  q: Queryable,
): Promise<{ region_code: string; competition: string; season: string }[]> {
  return q.query(SELECT_LATEST_SEASONS);
}

// The first and last kick-off of each league football-data rows hold.
const SELECT_FOOTBALL_DATA_SPANS = `
  SELECT r.code AS region_code, m.competition, min(m.start_time_utc) AS from_time, max(m.start_time_utc) AS to_time
  FROM matches m JOIN regions r ON r.id = m.region_id
  WHERE m.source = 'football-data'
  GROUP BY r.code, m.competition`;

/** The dates each stored football-data league covers: a FootyStats file's rows within them are left out. */
export function loadFootballDataSpans(
  q: Queryable,
): Promise<{ region_code: string; competition: string; from_time: Date; to_time: Date }[]> {
  return q.query(SELECT_FOOTBALL_DATA_SPANS);
}
