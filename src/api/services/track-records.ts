/**
 * The track records the API serves, graded from the prediction log and the odds history, each kept until what
 * it reads moves (its data version, migration 0013). The unfiltered pair, which the dashboard opens on, can be
 * kept warm: graded in the background when the API starts and again whenever their data moves, so no reader
 * waits the half minute the backtest of the whole shared history takes to grade. Filtered records are graded
 * one at a time, as several at once multiplied the memory and the wait (docs/performance.md); a reader who would
 * queue behind too many gets 503 `BUSY` at once, and one whose readers have all left by its turn is not graded. The
 * unfiltered pair is never queued behind them.
 */
import type { Logger } from '../../config/logger.ts';
import type { TrackRecordRules } from '../../config/params.ts';
import type { Db } from '../../db/db.ts';
import {
  loadTrackRecordInput,
  type TrackRecordFilter,
  trackRecordDataVersion,
} from '../../db/track-record-repository.ts';
import type { TrackRecord } from '../../domain/track-record.ts';
import { trackRecordSteps } from '../../pipelines/reports/track-record.ts';
import { runInTurns } from '../../pipelines/run/event-loop-turns.ts';
import { apiError } from '../errors.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { versionedCache } from './versioned-cache.ts';

export type RecordFilter = Omit<TrackRecordFilter, 'backtest'>;

/** The level a grading ahead of the readers is logged at (a reader's own grading is logged at info). */
export type WarmingLogLevel = 'info' | 'debug';

export interface TrackRecords {
  /**
   * The record of the published predictions, or of the backtest's, in `filter`; a filtered one not yet begun is
   * not graded once `left` (its reader's) and every other reader's have aborted.
   */
  get(filter: RecordFilter, backtest: boolean, left?: AbortSignal): Promise<TrackRecord>;
  /**
   * Grades the unfiltered records now where their data moved, then every `intervalMs` (one pass at a time);
   * nothing once closed.
   */
  startWarming(intervalMs: number, logLevel?: WarmingLogLevel): void;
  /** Stops warming, and any grading in progress at its next page or turn (its readers get a 503). */
  close(): Promise<void>;
}

export interface TrackRecordsOptions {
  readonly db: Db;
  /** params.yaml `betting` and `evaluate` (trackRecordRulesOf). */
  readonly rules: Partial<TrackRecordRules>;
  readonly logger: Logger;
}

/** Filtered gradings that may wait behind the one running; a reader who would be one more is told to come back. */
const MAX_QUEUED_GRADINGS = 3;

export function createTrackRecords({ db, rules, logger }: TrackRecordsOptions): TrackRecords {
  // A season's record takes seconds to grade and bootstrap, the whole backtest half a minute.
  const records = versionedCache<TrackRecord>(32);
  const filtered = oneAtATime(MAX_QUEUED_GRADINGS);
  const closing = new AbortController();
  const { signal } = closing;

  const grade = async (
    filter: RecordFilter,
    backtest: boolean,
    logLevel: WarmingLogLevel,
  ): Promise<TrackRecord> => {
    const startedMs = performance.now();
    try {
      const input = await loadTrackRecordInput(db, { ...filter, backtest }, signal);
      // In turns of the event loop: the whole real history takes seconds to grade.
      const record = await runInTurns(
        trackRecordSteps(input, backtest ? { ...rules, source: 'backtest' } : rules),
        signal,
      );
      logger[logLevel](
        {
          backtest,
          league: filter.league ?? null,
          matches: record.matches_predicted,
          seconds: Math.round(performance.now() - startedMs) / 1000,
        },
        'track record graded',
      );
      return record;
    } catch (error) {
      if (signal.aborted) throw apiError('SHUTTING_DOWN');
      throw error;
    }
  };

  const load = (
    filter: RecordFilter,
    backtest: boolean,
    logLevel: WarmingLogLevel,
    left?: AbortSignal,
  ): Promise<TrackRecord> => {
    const key = JSON.stringify([filter.league, filter.from, filter.to, backtest]);
    return filtered.forReader(key, left, async () => {
      const version = await trackRecordDataVersion(db, backtest);
      return records.get(key, version, async () => {
        // The unfiltered pair (what the dashboard opens on, and the warming pass) is graded at once: two keys at
        // most, as readers of a record being graded share its promise (the cache).
        const unfiltered =
          filter.league === undefined && filter.from === undefined && filter.to === undefined;
        if (unfiltered) return grade(filter, backtest, logLevel);
        return filtered.run(key, () => grade(filter, backtest, logLevel));
      });
    });
  };

  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  const warm = async (logLevel: WarmingLogLevel) => {
    for (const backtest of [false, true])
      await load({}, backtest, logLevel).catch((error: unknown) => {
        if (!signal.aborted)
          logger.warn({ err: error, backtest }, 'track record could not be graded ahead of its readers');
      });
  };

  return {
    get: (filter, backtest, left) => load(filter, backtest, 'info', left),
    startWarming(intervalMs, logLevel = 'info') {
      if (signal.aborted) return;
      const next = () => {
        pass = warm(logLevel).finally(() => {
          if (!signal.aborted) timer = setTimeout(next, intervalMs).unref();
        });
      };
      next();
    },
    async close() {
      closing.abort();
      clearTimeout(timer);
      await pass;
    },
  };
}
