import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { nonEmpty, parseAtOnce } from '../../../src/cli/option-parsers.ts';

describe('parseAtOnce (api --workers, worker --concurrency)', () => {
  it('takes a whole number from 1 to 1,000', () => {
    expect([parseAtOnce('1'), parseAtOnce('8'), parseAtOnce('1000')]).toEqual([1, 8, 1000]);
  });

  it.each(['0', '-1', 'abc', '2.5', '1001', '99999999999999999999'])(
    'refuses %s as a commander error naming the range (it took 1e20, or threw a plain error)',
    (value) => {
      expect(() => parseAtOnce(value)).toThrow(InvalidArgumentError);
      expect(() => parseAtOnce(value)).toThrow('expected a whole number from 1 to 1,000.');
    },
  );
});

describe('nonEmpty (--reason, --actor, --model, --prefix)', () => {
  it('takes text and refuses an empty or blank value (a promotion with reason "" was recorded)', () => {
    expect(nonEmpty('retrained on the new season')).toBe('retrained on the new season');
    for (const value of ['', '   '])
      expect(() => nonEmpty(value)).toThrow(new InvalidArgumentError('expected a non-empty value.'));
  });
});
