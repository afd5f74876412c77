import { describe, expect, it } from 'vitest';
import { dayStartMs, isReversedRange, periodRange } from '../../../src/ui/logic/period.ts';

const now = Date.parse('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

describe('periodRange', () => {
  it('gives open bounds for all dates', () =>
    expect(periodRange('all', now)).toEqual({ fromMs: null, toMs: null }));
  it('looks forward and back from now', () => {
    expect(periodRange('next7', now)).toEqual({ fromMs: now, toMs: now + 7 * DAY });
    expect(periodRange('last30', now)).toEqual({ fromMs: now - 30 * DAY, toMs: now });
  });
  it('takes whole UTC days for a custom range, the last day included', () => {
    expect(periodRange('custom', now, '2026-01-01', '2026-01-31')).toEqual({
      fromMs: Date.parse('2026-01-01T00:00:00Z'),
      toMs: Date.parse('2026-02-01T00:00:00Z'),
    });
    expect(periodRange('custom', now, '', 'garbage')).toEqual({ fromMs: null, toMs: null });
  });
  it('rejects malformed days', () => {
    expect(dayStartMs('2026-1-1')).toBeNull();
    expect(dayStartMs('2026-02-30')).not.toBeNull(); // Date.parse rolls over; the input control prevents it
  });
});

describe('custom days in the chosen time zone', () => {
  it('uses UTC midnights for utc and the local midnights for local', () => {
    expect(periodRange('custom', 0, '2026-01-01', '2026-01-01', 'utc')).toEqual({
      fromMs: Date.UTC(2026, 0, 1),
      toMs: Date.UTC(2026, 0, 2),
    });
    expect(periodRange('custom', 0, '2026-03-28', '2026-03-29', 'local')).toEqual({
      fromMs: new Date(2026, 2, 28).getTime(),
      toMs: new Date(2026, 2, 30).getTime(),
    });
  });
});

describe('isReversedRange', () => {
  it('flags a first day after the last one, only when both are days', () => {
    expect(isReversedRange('2026-02-01', '2026-01-01')).toBe(true);
    expect(isReversedRange('2026-01-01', '2026-01-01')).toBe(false);
    expect(isReversedRange('2026-02-01', '')).toBe(false);
  });
});
