import { describe, expect, it } from 'vitest';
import { aliasStack, type Promotion, rollbackTarget } from '../../../src/registry/promotion-history.ts';

let nextId = 1;
function move(from: number | null, to: number, rollback = false): Promotion {
  return {
    id: nextId++,
    name: 'm',
    alias: 'champion',
    fromVersion: from,
    toVersion: to,
    actor: 'test',
    reason: rollback ? 'rollback: bad' : 'better',
    at: new Date(0),
    rollback,
  };
}

describe('promotion history', () => {
  it('has no rollback target before a second version', () => {
    expect(rollbackTarget([])).toBeNull();
    expect(rollbackTarget([move(null, 1)])).toBeNull();
  });

  it('rolls back to the previous champion', () => {
    expect(rollbackTarget([move(null, 1), move(1, 2)])).toBe(1);
  });

  it('goes further back on a second rollback instead of flipping between the last two', () => {
    const history = [move(null, 1), move(1, 2), move(2, 3), move(3, 2, true)];
    expect(aliasStack(history)).toEqual([1, 2]);
    expect(rollbackTarget(history)).toBe(1);
    expect(rollbackTarget([...history, move(2, 1, true)])).toBeNull();
  });

  it('treats re-promoting an old version as a new step', () => {
    expect(aliasStack([move(null, 1), move(1, 2), move(2, 1)])).toEqual([1, 2, 1]);
  });
});
