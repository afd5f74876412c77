import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ChainEntry,
  type ChainedPrediction,
  canonicalLine,
  chainHash,
  GENESIS_HASH,
  verifyChain,
} from '../../../src/domain/prediction-chain.ts';

const KICKOFF = Date.parse('2026-01-10T15:00:00Z');

function chain(predictions: readonly ChainedPrediction[]): ChainEntry[] {
  let prev = GENESIS_HASH;
  return predictions.map((p, i) => {
    const hash = chainHash(prev, p);
    const entry = { ...p, seq: i + 1, kickoffMs: KICKOFF, prevHash: prev, hash };
    prev = hash;
    return entry;
  });
}

const prediction = (matchId: number, loggedAt: string, home = 0.5): ChainedPrediction => ({
  matchId,
  modelName: 'matchcast',
  modelVersion: 3,
  source: 'batch',
  probabilities: [home, 0.25, 0.75 - home],
  loggedAtMs: Date.parse(loggedAt),
});

describe('the prediction chain', () => {
  it('hashes the documented line with SHA-256', () => {
    // 0.1 + 0.2 is the double 0.30000000000000004: the line carries the shortest text of the exact double.
    const p = { ...prediction(7, '2026-01-08T09:30:00Z'), probabilities: [0.45, 0.25, 0.1 + 0.2] as const };
    const line = canonicalLine(GENESIS_HASH, p);
    expect(line).toBe(
      `${GENESIS_HASH}|7|matchcast|3|batch|0.45|0.25|0.30000000000000004|2026-01-08T09:30:00.000Z`,
    );
    expect(chainHash(GENESIS_HASH, p)).toBe(createHash('sha256').update(line).digest('hex'));
    expect(canonicalLine(GENESIS_HASH, { ...p, modelVersion: null })).toContain('|matchcast|null|batch|');
  });

  it('passes an untouched chain and reports its head', () => {
    const entries = chain([prediction(1, '2026-01-08T09:00:00Z'), prediction(2, '2026-01-08T09:00:00Z')]);
    const verdict = verifyChain(entries);
    expect(verdict).toMatchObject({ ok: true, entries: 2, problems: [] });
    expect(verdict.head).toEqual({ seq: 2, hash: entries[1]?.hash, loggedAt: '2026-01-08T09:00:00.000Z' });
  });

  it('detects a changed probability', () => {
    const entries = chain([prediction(1, '2026-01-08T09:00:00Z'), prediction(2, '2026-01-08T10:00:00Z')]);
    const tampered = entries.map((e) =>
      e.seq === 1 ? { ...e, probabilities: [0.6, 0.25, 0.15] as const } : e,
    );
    const verdict = verifyChain(tampered);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([expect.objectContaining({ seq: 1, problem: 'hash-mismatch' })]);
  });

  it('detects a back-dated entry even when every hash is recomputed', () => {
    // Added after the fact with an early time and a re-hashed chain: the order of logged times gives it away.
    const entries = chain([
      prediction(1, '2026-01-08T09:00:00Z'),
      prediction(2, '2026-01-09T09:00:00Z'),
      prediction(3, '2026-01-07T09:00:00Z'),
    ]);
    expect(verifyChain(entries).problems).toEqual([
      expect.objectContaining({ seq: 3, problem: 'out-of-order' }),
    ]);
  });

  it('detects a prediction logged at or after kick-off and a removed entry', () => {
    const entries = chain([
      prediction(1, '2026-01-08T09:00:00Z'),
      prediction(2, '2026-01-09T09:00:00Z'),
      prediction(3, '2026-01-10T15:00:00Z'),
    ]);
    expect(verifyChain(entries).problems).toEqual([
      expect.objectContaining({ seq: 3, problem: 'logged-after-kickoff' }),
    ]);
    const removed = verifyChain([entries[0], entries[2]] as ChainEntry[]);
    expect(removed.problems[0]).toMatchObject({ seq: 3, problem: 'broken-link' });
  });
});
