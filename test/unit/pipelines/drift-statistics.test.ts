import { describe, expect, it } from 'vitest';
import { loadParams } from '../../../src/config/params.ts';
import type { LoggedPrediction } from '../../../src/domain/leakage-rule.ts';
import { featureNames } from '../../../src/features/feature-names.ts';
import {
  binShares,
  kolmogorovSurvival,
  ksTwoSample,
  populationStabilityIndex,
  psiAndKs,
  quantileEdges,
} from '../../../src/pipelines/reports/drift-statistics.ts';
import {
  driftScore,
  featureDrift,
  latestPredictionRows,
  meanLogLoss,
  watchedFeatures,
} from '../../../src/pipelines/reports/feature-drift.ts';
import { seededNormals } from './random.ts';

describe('Kolmogorov survival function', () => {
  it('matches tabulated values on both sides of the series switch', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.963945, 5);
    expect(kolmogorovSurvival(1)).toBeCloseTo(0.27, 5);
    expect(kolmogorovSurvival(1.358)).toBeCloseTo(0.05, 3);
    expect(kolmogorovSurvival(2)).toBeCloseTo(0.000671, 5);
    expect(Math.abs(kolmogorovSurvival(1.1799) - kolmogorovSurvival(1.1801))).toBeLessThan(1e-3);
  });
});

describe('two-sample KS', () => {
  it('gives D = 1 for disjoint samples and D = 0 for equal ones', () => {
    expect(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic).toBe(1);
    const same = ksTwoSample([1, 2, 2, 3], [3, 2, 1, 2]);
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
  });

  it('computes the largest ECDF gap with ties', () => {
    // ECDFs at x=1: 1/4 vs 0; x=2: 3/4 vs 1/2; x=3: 1 vs 1/2 → D = 1/2.
    expect(ksTwoSample([1, 2, 2, 3], [2, 4]).statistic).toBeCloseTo(0.5, 12);
  });

  it('does not flag two samples of one distribution and flags a shifted one', () => {
    const a = seededNormals(1, 2000);
    const b = seededNormals(2, 2000);
    const shifted = seededNormals(3, 2000, 0.5);
    expect(ksTwoSample(a, b).pValue).toBeGreaterThan(0.05);
    expect(ksTwoSample(a, shifted).pValue).toBeLessThan(1e-10);
  });
});

describe('PSI', () => {
  it('bins at reference quantiles, collapsing repeated edges', () => {
    expect(quantileEdges([0, 0, 0, 1, 1, 1], 10)).toEqual([1]);
    expect(binShares([0, 0.5, 1, 2], [1])).toEqual([0.5, 0.5]);
  });

  it('is ~0 for an identical distribution and large for a shifted one', () => {
    const ref = seededNormals(4, 5000);
    expect(populationStabilityIndex(ref, ref)).toBe(0);
    expect(populationStabilityIndex(ref, seededNormals(5, 5000))).toBeLessThan(0.02);
    expect(populationStabilityIndex(ref, seededNormals(6, 5000, 1))).toBeGreaterThan(0.5);
  });
});

describe('feature drift', () => {
  const thresholds = { psiThreshold: 0.2, ksPvalue: 0.01, psiBins: 10 };

  it('marks only the shifted feature and scores the share', () => {
    const reference = { a: seededNormals(7, 3000), b: seededNormals(8, 3000) };
    const current = { a: seededNormals(9, 3000), b: seededNormals(10, 3000, 1, 2) };
    const drift = featureDrift(['a', 'b'], reference, current, thresholds);
    expect(drift.map((f) => f.drifted)).toEqual([false, true]);
    expect(driftScore(drift)).toBe(0.5);
    expect(driftScore(featureDrift(['a', 'b'], reference, reference, thresholds))).toBe(0);
  });

  it('lets only the KS test judge a current window too small for PSI bins', () => {
    const reference = { a: seededNormals(11, 3000) };
    // Five draws of the same distribution: their PSI is far above 0.2 by chance alone, their KS p-value is not low.
    const few = { a: seededNormals(12, 5) };
    const [small] = featureDrift(['a'], reference, few, thresholds);
    expect(small?.psi).toBeGreaterThan(0.2);
    expect(small?.drifted).toBe(false);
    // A real shift still shows on few rows, through KS.
    const [shifted] = featureDrift(['a'], reference, { a: seededNormals(13, 30, 1, 3) }, thresholds);
    expect(shifted?.drifted).toBe(true);
  });

  it('computes the mean log loss', () => {
    expect(meanLogLoss([])).toBeNull();
    expect(
      meanLogLoss([
        { p: [0.5, 0.25, 0.25], outcome: 0 },
        { p: [0.5, 0.25, 0.25], outcome: 1 },
      ]),
    ).toBeCloseTo((Math.log(2) + Math.log(4)) / 2, 12);
  });
});

describe('watched features', () => {
  it('leaves out counters that grow by construction, league-level rates and features tied to the point of the season', () => {
    const all = featureNames(loadParams().features);
    const watched = watchedFeatures(all);
    for (const name of [
      'home_matches_played',
      'away_competition_matches',
      'shots_history',
      'season_progress',
      'home_stakes',
      'away_reach_top',
      'home_drop_risk',
      'league_history_weight',
      'league_draw_rate',
      'sex',
    ]) {
      expect(all, name).toContain(name);
      expect(watched, name).not.toContain(name);
    }
    for (const name of [
      'elo_diff',
      'pi_expected_gd',
      'goals_expected_home',
      'diff_shots_target_for_5_mean',
      'home_rest_days',
    ]) {
      expect(watched, name).toContain(name);
    }
  });
});

/** PSI straight from its definition: unsorted samples binned one value at a time (binShares). */
function psiByDefinition(reference: number[], current: number[]): number {
  if (reference.length === 0 || current.length === 0) return 0;
  const edges = quantileEdges(reference, 10);
  const r = binShares(reference, edges);
  const c = binShares(current, edges);
  let psi = 0;
  for (let i = 0; i < r.length; i++) {
    const ri = Math.max(r[i] as number, 1e-4);
    const ci = Math.max(c[i] as number, 1e-4);
    psi += (ci - ri) * Math.log(ci / ri);
  }
  return psi;
}

describe('psiAndKs', () => {
  it('gives exactly the figures of populationStabilityIndex and ksTwoSample', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const [n, m, levels] of [
      [5_000, 300, 0],
      [2_000, 2_000, 7],
      [1, 40, 3],
      [0, 10, 0],
    ] as const) {
      const draw = (k: number, shift: number) =>
        Array.from({ length: k }, () => (levels > 0 ? Math.floor(next() * levels) : next() + shift));
      const reference = draw(n, 0);
      const current = draw(m, 0.1);
      const both = psiAndKs(reference, current, 10);
      expect(both.psi).toBe(populationStabilityIndex(reference, current, 10));
      expect(both.psi).toBe(psiByDefinition(reference, current));
      expect(both.ks).toEqual(ksTwoSample(reference, current));
    }
  });
});

describe('latestPredictionRows', () => {
  const prediction = (over: Partial<LoggedPrediction>): LoggedPrediction => ({
    matchId: 1,
    modelName: 'm',
    modelVersion: 3,
    modelAlias: 'champion',
    runId: 'run-a',
    source: 'batch',
    probabilities: [0.5, 0.3, 0.2],
    goalMarkets: null,
    history: null,
    trainedUntilMs: 0,
    computedAtMs: 100,
    ...over,
  });

  it("scores each finished match on the version's latest prediction, whatever the candidates' order", () => {
    const latest = prediction({ computedAtMs: 200, probabilities: [0.6, 0.2, 0.2] });
    const candidates = [
      prediction({}),
      latest,
      prediction({ computedAtMs: 300, modelVersion: 2 }),
      prediction({ computedAtMs: 400, source: 'backtest' }),
    ];
    const rows = (list: LoggedPrediction[]) =>
      latestPredictionRows(new Map([[1, list]]), new Map([[1, 0]]), 3);
    expect(rows(candidates)).toEqual([{ p: [0.6, 0.2, 0.2], outcome: 0 }]);
    expect(rows([...candidates].reverse())).toEqual([{ p: [0.6, 0.2, 0.2], outcome: 0 }]);
  });

  it('breaks a tie in time by run, and skips matches the version never predicted', () => {
    const a = prediction({ runId: 'run-a', probabilities: [0.4, 0.3, 0.3] });
    const b = prediction({ runId: 'run-b', probabilities: [0.1, 0.3, 0.6] });
    const outcomes = new Map([
      [1, 2],
      [2, 0],
    ]);
    for (const list of [
      [a, b],
      [b, a],
    ])
      expect(latestPredictionRows(new Map([[1, list]]), outcomes, 3)).toEqual([
        { p: [0.1, 0.3, 0.6], outcome: 2 },
      ]);
  });
});
