/** Provider files as sync leaves them: one healthy, one failing with its reason, one past season (final). */
import type { Db } from '../../../src/db/db.ts';

export async function seedSources(db: Db, nowMs: number): Promise<void> {
  const ago = (hours: number) => new Date(nowMs - hours * 3_600_000).toISOString();
  await db.query(
    `INSERT INTO provider_files (url, path, rows, last_attempt_at, last_success_at, last_changed_at, failures,
                                 last_error, status, final, stale_after_hours)
     VALUES ('https://provider.test/mmz4281/2526/E0.csv', 'mmz4281/2526/E0.csv', 180, $1, $1, $2, 0, NULL, 'ok', false, 96),
            ('https://provider.test/new/ARG.csv', 'new/ARG.csv', 2210, $1, $3, $3, 3, 'HTTP 503 from the provider', 'failed', false, 96),
            ('https://provider.test/mmz4281/2425/E0.csv', 'mmz4281/2425/E0.csv', 380, $3, $3, $3, 0, NULL, 'ok', true, 96)`,
    [ago(1), ago(20), ago(200)],
  );
}
