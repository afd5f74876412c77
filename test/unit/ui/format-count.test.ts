import { describe, expect, it } from 'vitest';
import { count, counted } from '../../../src/ui/logic/format.ts';
import { bets } from '../../../src/ui/logic/track-record.ts';

describe('counts', () => {
  it('separates thousands', () => {
    expect(count(67_530)).toBe('67,530');
    expect(count(16_219)).toBe('16,219');
    expect(count(0)).toBe('0');
  });

  it('says one thing in the singular and any other number in the plural', () => {
    expect(counted(1, 'prediction')).toBe('1 prediction');
    expect(counted(0, 'price')).toBe('0 prices');
    expect(counted(12_137, 'bet')).toBe('12,137 bets');
    expect(counted(2, 'match', 'matches')).toBe('2 matches');
    expect(bets(1)).toBe('1 bet');
  });
});
