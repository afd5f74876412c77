/**
 * The evaluate stage keeps margin-free prices across its runs (model-market.ts `MarginMemo`): with a memo shared
 * by calls on different matches and methods, every figure is the one computed without it.
 */
import { describe, expect, it } from 'vitest';
import type { StoredOdds } from '../../../src/db/match-repository.ts';
import type { StoredOverUnder } from '../../../src/db/over-under-repository.ts';
import { MARGIN_METHODS } from '../../../src/domain/margin-removal.ts';
import {
  MARKET_PREFERENCE,
  type MarginMemo,
  marketProbabilities,
  OVER_UNDER_CLOSING,
  overProbabilities,
  PRE_MATCH_PREFERENCE,
  preMatchDetail,
} from '../../../src/pipelines/evaluation/model-market.ts';

const BOOKS = [
  ['market_avg', 'closing'],
  ['pinnacle', 'closing'],
  ['market_avg', 'opening'],
  ['pinnacle', 'opening'],
  ['market_max', 'opening'],
] as const;

function prices(seed: number, matches: number) {
  let state = seed;
  // A small LCG: the same prices on every run.
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const price = () => Math.round((1.2 + random() * 6) * 100) / 100;
  const odds: StoredOdds[] = [];
  const overUnder: StoredOverUnder[] = [];
  for (let matchId = 1; matchId <= matches; matchId++) {
    for (const [bookmaker, kind] of BOOKS) {
      if (random() < 0.3) continue;
      odds.push({
        matchId,
        bookmaker,
        kind,
        collectedAt: null,
        odds: [price(), price(), price()],
        url: null,
      });
      overUnder.push({ matchId, bookmaker, kind, collectedAt: null, line: 2.5, odds: [price(), price()] });
    }
  }
  return { odds, overUnder };
}

describe('MarginMemo', () => {
  it('gives the same probabilities as taking every margin off again, across calls, matches and methods', () => {
    const { odds, overUnder } = prices(7, 400);
    const firstHalf = new Set(Array.from({ length: 200 }, (_, i) => i + 1));
    const all = new Set(Array.from({ length: 400 }, (_, i) => i + 1));
    const memo: MarginMemo = new Map();
    // A first "retraining day" on half the matches fills the memo; the next one reads it and adds the rest.
    for (const only of [firstHalf, all]) {
      for (const method of MARGIN_METHODS) {
        for (const preference of [MARKET_PREFERENCE, PRE_MATCH_PREFERENCE]) {
          expect(marketProbabilities(odds, method, preference, only, memo)).toEqual(
            marketProbabilities(odds, method, preference, only),
          );
        }
        expect(preMatchDetail(odds, method, only, memo)).toEqual(preMatchDetail(odds, method, only));
        expect(overProbabilities(overUnder, method, OVER_UNDER_CLOSING, only, memo)).toEqual(
          overProbabilities(overUnder, method, OVER_UNDER_CLOSING, only),
        );
      }
    }
    expect(memo.size).toBeGreaterThan(0);
  });

  it('keeps only the asked matches when a set is given', () => {
    const { overUnder } = prices(3, 50);
    const only = new Set([2, 5, 9]);
    const some = overProbabilities(overUnder, 'shin', OVER_UNDER_CLOSING, only);
    const every = overProbabilities(overUnder, 'shin', OVER_UNDER_CLOSING);
    expect([...some.keys()].every((id) => only.has(id))).toBe(true);
    for (const [id, p] of some) expect(p).toBe(every.get(id));
  });
});
