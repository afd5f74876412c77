/**
 * How the API keeps its track records, on both drivers: the versions it keys them by (migration 0013), each
 * record's moving with a prediction of its kind and with any change to a match or price such a prediction
 * covers, and with nothing else, so an hourly price for an upcoming fixture does not send the next reader of the
 * backtest through half a minute of grading; and the warm records, graded in the background and again only when
 * their data moves, with a grading in progress stopped by close(), logged at the level their owner asks.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTrackRecords } from '../../src/api/services/track-records.ts';
import type { Db } from '../../src/db/db.ts';
import { closedOddsVersion } from '../../src/db/odds-history-repository.ts';
import { trackRecordDataVersion } from '../../src/db/track-record-repository.ts';
import { eventually } from '../support/child-process.ts';
import { DRIVERS } from '../support/services.ts';
import { type TrackRecordWorld, withTrackRecordWorld } from '../support/track-record-world.ts';
import { createApiFixture } from '../unit/api/fixture.ts';

describe.each(DRIVERS)('track record cache on $driver', (driver) => {
  let db: Db;
  let world: TrackRecordWorld;
  withTrackRecordWorld(driver, async (opened, imported) => {
    db = opened;
    world = imported;
    // Alpha has a batch prediction, Beta one of each kind.
    await db.query(
      `INSERT INTO prediction_log (match_id, model_name, source, proba_home, proba_draw, proba_away,
                                   trained_until, computed_at)
       VALUES ($1, 'logreg', 'batch', 0.5, 0.3, 0.2, '2026-01-01T00:00:00Z', '2026-01-08T06:00:00Z'),
              ($2, 'logreg', 'batch', 0.4, 0.3, 0.3, '2026-01-01T00:00:00Z', '2026-01-08T06:00:00Z'),
              ($2, 'logreg', 'backtest', 0.4, 0.3, 0.3, '2026-01-01T00:00:00Z', '2026-01-08T06:00:00Z')`,
      [imported.id('Alpha'), imported.id('Beta')],
    );
  });

  const id = (home: string) => world.id(home);

  it.runIf(driver.available)(
    "versions each record by what it reads: its kind's predictions and their matches' results and prices",
    async () => {
      const versions = async () =>
        [await trackRecordDataVersion(db, false), await trackRecordDataVersion(db, true)] as const;
      const price = (home: string, at: string) =>
        db.query(
          `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
           VALUES ($1, 'other', 'snapshot', $2, 2.1, 3.3, 3.4)`,
          [id(home), at],
        );
      const start = await versions();
      expect(await versions()).toEqual(start);
      await price('Alpha', '2026-01-09T10:00:00Z');
      const priced = await versions();
      expect(priced).toEqual([expect.not.stringMatching(`^${start[0]}$`), start[1]]);
      // Beta has both kinds.
      await db.query('UPDATE matches SET home_score = home_score + 1 WHERE match_id = $1', [id('Beta')]);
      const corrected = await versions();
      expect(corrected).toEqual(priced.map((before) => expect.not.stringMatching(`^${before}$`)));
      // A fixture no record covers, priced and rescheduled: neither record moves, nor do the closed prices.
      const closed = await closedOddsVersion(db);
      const [fixture] = await db.query<{ match_id: string }>(
        `INSERT INTO matches (source, source_key, region_id, competition, season, start_time_utc, home_team_id,
                              away_team_id, status)
         SELECT source, 'version-test', region_id, competition, season, start_time_utc + interval '30 days',
                away_team_id, home_team_id, 'scheduled'
         FROM matches WHERE match_id = $1
         RETURNING match_id`,
        [id('Alpha')],
      );
      const fixtureId = Number(fixture?.match_id);
      await db.query(
        `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
         VALUES ($1, 'other', 'snapshot', '2026-02-01T10:00:00Z', 2.1, 3.3, 3.4)`,
        [fixtureId],
      );
      const reschedule = () =>
        db.query(
          `UPDATE matches SET start_time_utc = start_time_utc + interval '1 day' WHERE match_id = $1`,
          [fixtureId],
        );
      await reschedule();
      expect(await versions()).toEqual(corrected);
      expect(await closedOddsVersion(db)).toBe(closed);
      // Once the backtest predicts it, its row and every change to its match move the backtest's version alone.
      const backtestOnly = async (change: () => Promise<unknown>) => {
        const before = await versions();
        await change();
        expect(await versions()).toEqual([before[0], expect.not.stringMatching(`^${before[1]}$`)]);
      };
      await backtestOnly(() =>
        db.query(
          `INSERT INTO prediction_log (match_id, model_name, source, proba_home, proba_draw, proba_away,
                                       trained_until, computed_at)
           VALUES ($1, 'logreg', 'backtest', 0.4, 0.3, 0.3, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')`,
          [fixtureId],
        ),
      );
      await backtestOnly(reschedule);
      await backtestOnly(() => db.query('DELETE FROM matches WHERE match_id = $1', [fixtureId]));
    },
  );

  it.runIf(driver.available)(
    'grades the unfiltered records ahead of their readers, again only when their data moves, and stops at close',
    async () => {
      const graded: { backtest: boolean; league: string | null }[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) {
            const entry = JSON.parse(line);
            if (entry.msg === 'track record graded') graded.push(entry);
          }
          done();
        },
      });
      const records = createTrackRecords({ db, rules: {}, logger: pino({ level: 'info' }, sink) });
      records.startWarming(50);
      const kinds = () => graded.map((g) => g.backtest);
      await eventually(async () => (graded.length >= 2 ? true : undefined), 10_000, 'both records graded');
      expect(kinds()).toEqual([false, true]);
      // Read from the cache: graded once, ahead of the reader.
      expect((await records.get({}, true)).matches_predicted).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(kinds()).toEqual([false, true]);
      // A price for Alpha (a batch prediction): the published record is graded again, the backtest is not.
      await db.query(
        `INSERT INTO odds (match_id, bookmaker, kind, collected_at, odd_home, odd_draw, odd_away)
         VALUES ($1, 'other', 'snapshot', '2026-01-09T11:00:00Z', 2.2, 3.3, 3.3)`,
        [id('Alpha')],
      );
      await eventually(async () => (graded.length >= 3 ? true : undefined), 10_000, 'published regraded');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(kinds()).toEqual([false, true, false]);
      // Closing stops a grading that has not finished: its reader is told the server is shutting down.
      // The expectation is attached before closing: the grading may reject while close() is still awaited, and a
      // rejection with no handler yet is reported by vitest as unhandled (one CI run went red on it).
      const pending = expect(records.get({ league: 'Premier League' }, true)).rejects.toMatchObject({
        status: 503,
        code: 'SHUTTING_DOWN',
      });
      await records.close();
      await pending;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(graded).toHaveLength(3);
    },
  );

  it.runIf(driver.available)(
    "logs the gradings ahead of readers at the level asked (debug for `npm start`), a reader's at info",
    async () => {
      const levels: { backtest: boolean; league: string | null; level: number }[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) {
            const entry = JSON.parse(line);
            if (entry.msg === 'track record graded') levels.push(entry);
          }
          done();
        },
      });
      const records = createTrackRecords({ db, rules: {}, logger: pino({ level: 'debug' }, sink) });
      try {
        records.startWarming(60_000, 'debug');
        await eventually(async () => (levels.length >= 2 ? true : undefined), 10_000, 'both records graded');
        await records.get({ league: 'Premier League' }, false);
        expect(levels.map(({ backtest, league, level }) => [backtest, league, level])).toEqual([
          [false, null, 20],
          [true, null, 20],
          [false, 'Premier League', 30],
        ]);
      } finally {
        await records.close();
      }
    },
  );

  it.runIf(driver.available)(
    'grades filtered records one at a time, tells a reader who would wait behind four to come back, never queues the unfiltered, skips one whose reader left',
    async () => {
      // Gradings held at their first read of the log, so none finishes while the readers arrive.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let reading = 0;
      const gated = new Proxy(db, {
        get(target, property) {
          if (property === 'query')
            return async (text: string, params?: readonly unknown[]) => {
              if (!text.includes('FROM data_version')) {
                reading++;
                await held;
              }
              return target.query(text, params);
            };
          const value = Reflect.get(target, property);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const records = createTrackRecords({ db: gated, rules: {}, logger: pino({ level: 'silent' }) });
      try {
        const froms = ['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-04'].map((day) => new Date(day));
        // The last reader leaves while its record waits its turn.
        const gone = new AbortController();
        const waiting = froms.map((from, i) =>
          records.get({ from }, true, i === 3 ? gone.signal : undefined),
        );
        // Its answer is read at the end; its rejection is caught now, whenever it comes.
        const left = waiting.pop()!.catch((error: unknown) => error);
        await eventually(async () => (reading > 0 ? true : undefined), 5_000, 'the first grading reading');
        await expect(records.get({ from: new Date('2020-01-05') }, true)).rejects.toMatchObject({
          status: 503,
          code: 'BUSY',
        });
        gone.abort();
        // Only the first is grading: the other three wait their turn without touching the database.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(reading).toBe(1);
        // A reader of a record already being graded shares it rather than queueing.
        const same = records.get({ from: new Date('2020-01-02') }, true);
        // The unfiltered record is not queued behind them: it starts reading at once.
        const whole = records.get({}, true);
        await eventually(
          async () => (reading === 2 ? true : undefined),
          5_000,
          'the unfiltered grading reading',
        );
        release();
        const graded = await Promise.all(waiting);
        expect(await same).toBe(graded[1]);
        expect(graded.map((r) => r.matches_predicted)).toEqual([1, 1, 1]);
        // Nobody waited for it by its turn: not graded (its reader is gone, so the answer goes nowhere).
        expect(await left).toMatchObject({ code: 'BUSY' });
        expect((await whole).matches_predicted).toBe(1);
        // Once the queue has drained, the refused filter is graded.
        expect((await records.get({ from: new Date('2020-01-05') }, true)).matches_predicted).toBe(1);
      } finally {
        await records.close();
      }
    },
  );

  it.runIf(driver.available)('stops grading once the server begins to close', async () => {
    const api = await createApiFixture({ db });
    try {
      await api.app.close();
      // What the hook closed stops every grading at its first step, as it does one in progress (above).
      await expect(api.services.trackRecords.get({ league: 'Championship' }, true)).rejects.toMatchObject({
        status: 503,
        code: 'SHUTTING_DOWN',
      });
    } finally {
      await api.close();
    }
  });
});
