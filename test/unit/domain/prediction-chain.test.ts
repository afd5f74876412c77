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
import { exportLine, parseExport } from '../../../src/pipelines/reports/chain-export.ts';

const KICKOFF = Date.parse('2026-01-10T15:00:00Z');

function chain(predictions: readonly ChainedPrediction[]): ChainEntry[] {
  let prev = GENESIS_HASH;
  return predictions.map((p, i) => {
    const hash = chainHash(prev, p);
    const entry = {
      ...p,
      seq: i + 1,
      kickoffMs: KICKOFF,
      kickoffWhenLoggedMs: KICKOFF,
      prevHash: prev,
      hash,
    };
    prev = hash;
    return entry;
  });
}

const prediction = (matchId: number, loggedAt: string, home = 0.5): ChainedPrediction => ({
  format: 1,
  matchId,
  modelName: 'matchcast',
  modelVersion: 3,
  source: 'batch',
  probabilities: [home, 0.25, 0.75 - home],
  goalMarkets: null,
  history: null,
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
    // An entry from before the log kept the kick-off known at logging is judged by the kick-off now.
    const unknown = entries.map((e) => ({ ...e, kickoffWhenLoggedMs: null }));
    expect(verifyChain(unknown).problems).toEqual([
      expect.objectContaining({ seq: 3, problem: 'logged-after-kickoff' }),
    ]);
  });

  it('lists, without failing, predictions of a match moved earlier after they were logged', () => {
    // Logged on the 9th for a kick-off on the 10th; the match was then brought forward to the 9th, 08:00.
    const moved = Date.parse('2026-01-09T08:00:00Z');
    const entries = chain([prediction(1, '2026-01-08T09:00:00Z'), prediction(2, '2026-01-09T09:00:00Z')]).map(
      (e) => (e.seq === 2 ? { ...e, kickoffMs: moved } : e),
    );
    const verdict = verifyChain(entries);
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.movedKickoffs).toEqual([
      {
        seq: 2,
        matchId: 2,
        detail:
          'logged 2026-01-09T09:00:00.000Z for a kick-off at 2026-01-10T15:00:00.000Z, since moved to 2026-01-09T08:00:00.000Z',
      },
    ]);
    // Logged after the kick-off known then: late, whatever happened to the match since.
    const late = entries.map((e) => (e.seq === 2 ? { ...e, kickoffWhenLoggedMs: moved } : e));
    expect(verifyChain(late).problems).toEqual([
      expect.objectContaining({ seq: 2, problem: 'logged-after-kickoff' }),
    ]);
  });

  it('hashes format 2 with its tag and the goal markets, null when none were logged', () => {
    const p = prediction(7, '2026-01-08T09:30:00Z', 0.45);
    const v2 = { ...p, format: 2 as const, goalMarkets: { over25: 0.52, btts: 0.55 } };
    expect(canonicalLine(GENESIS_HASH, v2)).toBe(
      `v2|${GENESIS_HASH}|7|matchcast|3|batch|0.45|0.25|0.3|0.52|0.55|2026-01-08T09:30:00.000Z`,
    );
    expect(canonicalLine(GENESIS_HASH, { ...v2, goalMarkets: null })).toContain('|0.3|null|null|2026-');
    // A chain may hold both formats: the entries chained before format 2 keep verifying.
    const entries = chain([p, v2, { ...v2, matchId: 8, goalMarkets: null }]);
    expect(verifyChain(entries)).toMatchObject({ ok: true, entries: 3 });
    const tampered = entries.map((e) =>
      e.seq === 2 ? { ...e, goalMarkets: { over25: 0.6, btts: 0.55 } } : e,
    );
    expect(verifyChain(tampered).problems).toEqual([
      expect.objectContaining({ seq: 2, problem: 'hash-mismatch' }),
    ]);
  });

  it("hashes format 3 with its tag, the goal markets and the teams' earlier matches", () => {
    const p = prediction(7, '2026-01-08T09:30:00Z', 0.45);
    const v3 = {
      ...p,
      format: 3 as const,
      goalMarkets: { over25: 0.52, btts: 0.55 },
      history: { home: 31, away: 4 },
    };
    expect(canonicalLine(GENESIS_HASH, v3)).toBe(
      `v3|${GENESIS_HASH}|7|matchcast|3|batch|0.45|0.25|0.3|0.52|0.55|31|4|2026-01-08T09:30:00.000Z`,
    );
    expect(canonicalLine(GENESIS_HASH, { ...v3, goalMarkets: null, history: null })).toContain(
      '|0.3|null|null|null|null|2026-',
    );
    // All three formats in one chain; a changed count changes the hash, as a changed probability does.
    const v2 = { ...v3, format: 2 as const, history: null, matchId: 8 };
    const entries = chain([p, v2, v3, { ...v3, matchId: 9, history: null }]);
    expect(verifyChain(entries)).toMatchObject({ ok: true, entries: 4 });
    const tampered = entries.map((e) => (e.seq === 3 ? { ...e, history: { home: 31, away: 5 } } : e));
    expect(verifyChain(tampered).problems).toEqual([
      expect.objectContaining({ seq: 3, problem: 'hash-mismatch' }),
    ]);
  });

  it("refuses the teams' earlier matches on a format-1 or format-2 entry, which do not cover them", () => {
    const entries = chain([
      prediction(1, '2026-01-08T09:00:00Z'),
      { ...prediction(2, '2026-01-08T09:00:00Z'), format: 2 },
    ]);
    const added = entries.map((e) => ({ ...e, history: { home: 2, away: 30 } }));
    expect(verifyChain(added).problems).toEqual([
      expect.objectContaining({
        seq: 1,
        detail: "the teams' earlier matches on a format-1 entry, which does not cover them",
      }),
      expect.objectContaining({
        seq: 2,
        detail: "the teams' earlier matches on a format-2 entry, which does not cover them",
      }),
    ]);
  });

  it('refuses goal markets on a format-1 entry, which could not have logged them', () => {
    const [entry] = chain([prediction(1, '2026-01-08T09:00:00Z')]);
    const added = { ...(entry as ChainEntry), goalMarkets: { over25: 0.5, btts: 0.5 } };
    expect(verifyChain([added]).problems).toEqual([
      expect.objectContaining({ seq: 1, problem: 'hash-mismatch' }),
    ]);
  });
});

describe('the chain export', () => {
  it('reads a line written before format 2 as format 1, and it still verifies', () => {
    // The export line docs/track-record.md has shown since migration 0006.
    const line =
      '{"seq":1,"match_id":1,"kickoff":"2026-01-10T15:00:00.000Z","model_name":"soccer-match-outcome","model_version":2,"source":"batch","proba_home":"0.41","proba_draw":"0.27","proba_away":"0.32","logged_at":"2026-01-08T06:00:00.000Z","prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","hash":"2c3d7c6b62b95130064d04c0ae50b49563c1860d44c76f3f3480ce94aec95153"}';
    const entries = parseExport(line, 'old.jsonl');
    expect(entries[0]).toMatchObject({ format: 1, goalMarkets: null });
    expect(verifyChain(entries).ok).toBe(true);
  });

  it('writes format and goal markets and reads them back unchanged', () => {
    const p = { ...prediction(7, '2026-01-08T09:30:00Z'), format: 2 as const };
    const entries = chain([
      { ...p, goalMarkets: { over25: 0.1 + 0.2, btts: 1e-7 } },
      { ...p, matchId: 8, goalMarkets: null },
    ]).map((e) => ({ ...e, kickoffMs: KICKOFF }));
    const text = entries.map(exportLine).join('\n');
    expect(JSON.parse(text.split('\n')[0] as string)).toMatchObject({
      format: 2,
      proba_over_2_5: '0.30000000000000004',
      proba_btts: '1e-7',
    });
    const back = parseExport(text, 'new.jsonl');
    expect(back).toEqual(entries);
    expect(verifyChain(back).ok).toBe(true);
  });

  it("writes the teams' earlier matches on format-3 lines only and reads them back unchanged", () => {
    const p = { ...prediction(7, '2026-01-08T09:30:00Z'), goalMarkets: { over25: 0.5, btts: 0.4 } };
    const entries = chain([
      { ...p, format: 2 },
      { ...p, format: 3, matchId: 8, history: { home: 0, away: 60 } },
      { ...p, format: 3, matchId: 9 },
    ]);
    const lines = entries.map(exportLine);
    expect(JSON.parse(lines[0] as string)).not.toHaveProperty('home_matches_played');
    expect(JSON.parse(lines[1] as string)).toMatchObject({
      format: 3,
      home_matches_played: 0,
      away_matches_played: 60,
    });
    expect(JSON.parse(lines[2] as string)).toMatchObject({
      home_matches_played: null,
      away_matches_played: null,
    });
    const back = parseExport(lines.join('\n'), 'v3.jsonl');
    expect(back).toEqual(entries);
    expect(verifyChain(back).ok).toBe(true);
    // Half a pair is refused: hashed as neither here, it would verify, while the recipes hash it as written.
    const half = lines[1]?.replace('"away_matches_played":60', '"away_matches_played":null') as string;
    expect(() => parseExport(half, 'v3.jsonl')).toThrow(
      'v3.jsonl:1: away_matches_played is null while home_matches_played is not',
    );
    // A count edited in the file fails that entry, as a probability would.
    const edited = lines[1]?.replace('"home_matches_played":0', '"home_matches_played":7') as string;
    expect(verifyChain(parseExport([lines[0], edited, lines[2]].join('\n'), 'v3.jsonl')).problems).toEqual([
      expect.objectContaining({ seq: 2, problem: 'hash-mismatch' }),
    ]);
  });
});
