/**
 * Binary logistic fits already made on exactly the same rows, so a repeated evaluation does not make them again.
 * The goal markets' walk-forward recalibration (calibrated-goal-markets.ts) refits every `refit_days` from the
 * first kick-off of the history on, so the refit instants and their windows of finished matches are the same from
 * one retraining day to the next (their features do not change, ADR 0013): a week later only the latest window
 * or two hold new results. `fitBinaryLogistic` is deterministic, so a digest of its inputs names its result.
 * Only the fits of the latest run are kept for the next one.
 *
 * @example
 *   const memo = createBinaryFitMemo();
 *   memo.nextRun(); // at the start of each evaluation
 *   calibratedGoalMarkets(table, params.goal_markets, rows, memo.fit);
 */
import { createHash } from 'node:crypto';
import { type BinaryLogisticFit, fitBinaryLogistic } from '../../models/binary-logistic.ts';
import type { BinaryFitter } from '../../models/walk-forward-logistic.ts';

export interface BinaryFitMemo {
  /** `fitFresh` (default `fitBinaryLogistic`), or the fit it gave for the same inputs in this run or the previous one. */
  readonly fit: BinaryFitter;
  /** Starts a run: fits the previous run did not use are forgotten. */
  nextRun(): void;
}

export function createBinaryFitMemo(fitFresh: BinaryFitter = fitBinaryLogistic): BinaryFitMemo {
  let earlier = new Map<string, BinaryLogisticFit>();
  let current = new Map<string, BinaryLogisticFit>();
  return {
    fit(x, y, d, options) {
      const hash = createHash('sha256');
      hash.update(JSON.stringify({ d, options }));
      hash.update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
      hash.update(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
      const key = hash.digest('hex');
      const made = current.get(key) ?? earlier.get(key) ?? fitFresh(x, y, d, options);
      current.set(key, made);
      return made;
    },
    nextRun() {
      earlier = current;
      current = new Map();
    },
  };
}
