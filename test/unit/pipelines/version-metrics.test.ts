import { describe, expect, it } from 'vitest';
import type { EvaluationReport } from '../../../src/pipelines/evaluation/evaluation.ts';
import { versionMetrics } from '../../../src/pipelines/stages/register-stage.ts';

const scores = (logLoss: number) => ({
  n: 100,
  log_loss: logLoss,
  rps: logLoss / 5,
  brier: logLoss / 2,
  accuracy: 0.5,
  roc_auc_ovr: 0.65,
  ece: 0.01,
});

const report = {
  test_from: '2024-07-01T00:00:00.000Z',
  overall: { logreg: scores(1.0031), market: scores(0.9891), class_prior: scores(1.07) },
  reliability: { logreg: [{ bin: 0 }] },
} as unknown as EvaluationReport;

describe('versionMetrics', () => {
  it("records the model's scores and every score of the market beside them", () => {
    expect(versionMetrics(report, 'logreg')).toEqual({
      ...scores(1.0031),
      test_from: '2024-07-01T00:00:00.000Z',
      market_log_loss: 0.9891,
      market_rps: 0.9891 / 5,
      market_brier: 0.9891 / 2,
      market_accuracy: 0.5,
      market_roc_auc_ovr: 0.65,
      market_ece: 0.01,
      prior_log_loss: 1.07,
      reliability: [{ bin: 0 }],
    });
  });

  it('records nulls without an evaluation', () => {
    expect(versionMetrics(undefined, 'logreg')).toMatchObject({
      test_from: null,
      market_rps: null,
      prior_log_loss: null,
      reliability: [],
    });
  });
});
