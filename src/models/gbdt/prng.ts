/**
 * The seeded generator bagging and feature sampling draw from, so that the same seed and data always grow the
 * same trees; Math.random is never used in training.
 */
import { seededRandom } from '../../domain/seeded-random.ts';

export interface Prng {
  /** A uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [0, bound). */
  int(bound: number): number;
}

export function createPrng(seed: number): Prng {
  const next = seededRandom(seed);
  return { next, int: (bound) => Math.floor(next() * bound) };
}
