/**
 * When football-data.co.uk's undated pre-match prices were published: the latest Tuesday or Friday 15:00 UTC
 * strictly before kick-off (it collects them on Friday afternoon for weekend games and on Tuesday for midweek
 * ones). The SQL function `football_data_published_at` (migrations 0006, 0009) dates those prices by the same
 * rule for the odds history; test/integration/published-at.test.ts checks the two agree.
 *
 * @example
 * footballDataPublishedAtMs(Date.parse('2026-01-03T15:00:00Z')); // Friday 2026-01-02 15:00 UTC
 */

const DAY_MS = 86_400_000;
const AT_MS = 15 * 3_600_000;
const TUESDAY = 2;
const FRIDAY = 5;

/** NaN for a kick-off that is not a time. */
export function footballDataPublishedAtMs(kickoffMs: number): number {
  const midnight = Math.floor(kickoffMs / DAY_MS) * DAY_MS;
  // Eight days back always reach one of the two weekdays at 15:00 strictly before kick-off.
  for (let daysBack = 0; daysBack <= 7; daysBack += 1) {
    const at = midnight - daysBack * DAY_MS + AT_MS;
    const weekday = new Date(at).getUTCDay();
    if ((weekday === TUESDAY || weekday === FRIDAY) && at < kickoffMs) return at;
  }
  return Number.NaN;
}
