import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadParams, ParamsError, parseParams } from '../../../src/config/params.ts';
import { isCalendarDate } from '../../../src/domain/calendar-date.ts';

describe('params.yaml', () => {
  it('loads the package file, validated and frozen, with the sections other stages use', () => {
    const params = loadParams();
    expect(params.betting.edge_threshold).toBe(0.05);
    expect(params.schedule.batch_inference).toBe('*/15 * * * *');
    expect(params.features.form_windows).toEqual([5, 10]);
    expect(Object.isFrozen(params.features.elo)).toBe(true);
  });

  it('names the offending path of a bad value', () => {
    const good = structuredClone(loadParams()) as unknown as { features: { elo: { k: unknown } } };
    good.features.elo.k = 'fast';
    expect(() => parseParams(good)).toThrow(/features\/elo\/k/);
  });

  it('refuses a date that is not on the calendar (2024-02-30 would have been read as 1 March)', () => {
    const bad = structuredClone(loadParams()) as unknown as { train: { train_from: string } };
    bad.train.train_from = '2024-02-30';
    expect(() => parseParams(bad)).toThrow(/train\/train_from/);
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2023-02-29'), isCalendarDate('2024-1-01')]).toEqual(
      [true, false, false],
    );
  });

  it('rejects unknown keys and unreadable files', () => {
    const extra = { ...structuredClone(loadParams()), surprise: 1 };
    expect(() => parseParams(extra)).toThrow(ParamsError);
    const dir = mkdtempSync(join(tmpdir(), 'params-'));
    try {
      writeFileSync(join(dir, 'p.yaml'), 'features: {}\n');
      expect(() => loadParams(join(dir, 'p.yaml'))).toThrow(ParamsError);
      // Every message names the file (a YAML error named only a line and column).
      expect(() => loadParams(join(dir, 'p.yaml'))).toThrow(`params: ${join(dir, 'p.yaml')}: /`);
      writeFileSync(join(dir, 'bad.yaml'), 'train:\n  model: [logreg\n');
      expect(() => loadParams(join(dir, 'bad.yaml'))).toThrow(
        new RegExp(`^params: ${join(dir, 'bad.yaml')} is not valid YAML: [^\n]+$`),
      );
      expect(() => loadParams(join(dir, 'missing.yaml'))).toThrow(/cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
