import { describe, expect, it } from 'vitest';
import { decodeDrift } from '../../../src/ui/api/monitoring.ts';

const report = (reference: Record<string, unknown>) => ({
  drift_score: 0.19,
  reference: { from: '2000-07-28T14:00:00Z', to: '2026-07-19T00:30:00Z', n: 10374, ...reference },
  current: { from: '2026-07-21T22:30:00Z', to: '2026-12-05T18:03:36Z', n: 395 },
  features: [],
});

describe('the drift report on the monitoring view', () => {
  it('says when the reference holds only the current window’s days of the year', () => {
    expect(decodeDrift(report({ same_days_of_year: true }))).toMatchObject({
      reference: '2000-07-28 → 2026-07-19 (10374 matches on the same days of the year)',
      current: '2026-07-21 → 2026-12-05 (395 matches)',
    });
    // Reports written before the field, and a whole-window reference, read as before.
    for (const r of [report({}), report({ same_days_of_year: false })])
      expect(decodeDrift(r)).toMatchObject({ reference: '2000-07-28 → 2026-07-19 (10374 matches)' });
  });

  it('reads the rule behind the red bars when the report states it, and none from an older report', () => {
    expect(decodeDrift({ ...report({}), thresholds: { psi: 0.25, ks_pvalue: 0.001 } })).toMatchObject({
      thresholds: { psi: 0.25, ksPvalue: 0.001 },
    });
    expect(decodeDrift(report({}))).toMatchObject({ thresholds: null });
  });

  it('says how many matches the rolling log loss averages, and from which day', () => {
    const performance = { rolling_log_loss: 1.0151, validation_log_loss: 1.0027, n: 60 };
    expect(decodeDrift({ ...report({}), performance })).toMatchObject({
      rollingLogLoss: 1.0151,
      rollingN: 60,
      currentFrom: '2026-07-21',
    });
    // A report written before it counted them.
    expect(decodeDrift({ ...report({}), performance: { rolling_log_loss: 1.0151 } })).toMatchObject({
      rollingN: null,
    });
  });
});
