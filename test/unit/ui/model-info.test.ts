import { describe, expect, it } from 'vitest';
import type { PromotionEntry } from '../../../src/ui/api/model-history.ts';
import {
  decodeModelInfo,
  heldStages,
  type ModelInfo,
  registeredStages,
} from '../../../src/ui/api/model-info.ts';

describe('decodeModelInfo', () => {
  it('keeps the numeric metrics and the text params the API serves', () => {
    const info = decodeModelInfo({
      model_name: 'soccer-match-outcome',
      stage: 'champion',
      version: '3',
      run_id: null,
      metrics: { log_loss: 0.98, roc_auc_ovr: 0.64 },
      params: { family: 'logreg', l2: '1000', converged: 'true', test_from: '2024-07-01' },
      feature_names: ['elo_diff', 'sex'],
      created_at: '2026-11-22T13:44:44.000Z',
    });
    expect(info.metrics).toEqual({ log_loss: 0.98, roc_auc_ovr: 0.64 });
    expect(info.params).toEqual({ family: 'logreg', l2: '1000', converged: 'true', test_from: '2024-07-01' });
    expect(info.featureNames).toEqual(['elo_diff', 'sex']);
  });

  it('names a bad feature list entry', () => {
    expect(() =>
      decodeModelInfo({
        model_name: 'm',
        stage: 'champion',
        version: '1',
        feature_names: [1],
        created_at: 'x',
      }),
    ).toThrow(/feature_names\[0\]/);
  });
});

describe('heldStages', () => {
  const move = (alias: string): PromotionEntry => ({
    alias,
    fromVersion: null,
    toVersion: '1',
    actor: 'pipeline',
    reason: 'first',
    at: '2026-11-22T13:44:44.000Z',
    rollback: false,
  });

  it('holds nothing before any move, so a fresh install asks the registry for no alias', () => {
    expect(heldStages([])).toEqual([]);
  });

  it('holds the stages some move reached, candidate included, in the view’s order', () => {
    expect(heldStages([move('candidate'), move('champion')])).toEqual(['champion', 'candidate']);
    expect(heldStages([move('challenger'), move('champion'), move('champion'), move('staging')])).toEqual([
      'champion',
      'challenger',
    ]);
  });
});

describe('registeredStages', () => {
  it('lists the stages that hold a model, champion first', () => {
    const info = { version: '2' } as ModelInfo;
    const absent = { kind: 'absent', reason: 'no model version is challenger' } as const;
    expect(
      registeredStages({
        champion: { kind: 'model', info },
        challenger: absent,
        candidate: { kind: 'model', info },
      }).map((m) => m.stage),
    ).toEqual(['champion', 'candidate']);
  });
});
