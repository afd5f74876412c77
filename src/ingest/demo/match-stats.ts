/**
 * Shots of a simulated match, drawn around the same expected goals as the score, so they carry information
 * about a team's strength beyond its goals (as real shot counts do): every goal is a shot on target, each side
 * adds non-scoring shots on target at a rate that makes one in SHOT_CONVERSION score on average, and shots off
 * target on top.
 */
import type { Random } from './random.ts';

/** Goals per shot on target (real leagues: about 0.3). */
const SHOT_CONVERSION = 0.3;
/** Shots off target per expected goal (real leagues: about 12.5 shots and 4.5 on target per side and match). */
const OFF_TARGET_PER_GOAL = 5.8;

export interface DemoStats {
  readonly homeShots: number;
  readonly awayShots: number;
  readonly homeShotsTarget: number;
  readonly awayShotsTarget: number;
}

function side(lambda: number, goals: number, rng: Random): { shots: number; target: number } {
  const target = goals + rng.poisson(lambda * (1 / SHOT_CONVERSION - 1));
  return { shots: target + rng.poisson(lambda * OFF_TARGET_PER_GOAL), target };
}

export function simulateStats(
  lambdaHome: number,
  lambdaAway: number,
  goals: readonly [number, number],
  rng: Random,
): DemoStats {
  const home = side(lambdaHome, goals[0], rng);
  const away = side(lambdaAway, goals[1], rng);
  return {
    homeShots: home.shots,
    awayShots: away.shots,
    homeShotsTarget: home.target,
    awayShotsTarget: away.target,
  };
}
