/**
 * The tamper-evident prediction chain: each published prediction (batch or live) is hashed together with the
 * previous entry's hash, so changing, removing or back-dating any logged prediction changes every later hash
 * and the head. The canonical serialisation is one line of UTF-8 text, fields joined by `|`; an entry's format
 * says which line (docs/adr/0014-chain-entry-format-2.md, docs/adr/0017-chain-entry-format-3.md):
 *
 *   format 1: prev_hash|match_id|model_name|model_version|source|proba_home|proba_draw|proba_away|logged_at
 *   format 2: v2|prev_hash|match_id|model_name|model_version|source|proba_home|proba_draw|proba_away|
 *             proba_over_2_5|proba_btts|logged_at
 *   format 3: v3|prev_hash|match_id|model_name|model_version|source|proba_home|proba_draw|proba_away|
 *             proba_over_2_5|proba_btts|home_matches_played|away_matches_played|logged_at
 *
 * Format 1 is what entries chained before migration 0008 hash and keep hashing, format 2 those chained before
 * migration 0018; every new entry is format 3, which also covers the goal markets and each team's earlier
 * matches logged with the prediction (the counts that decide whether its edge is bet). model_version, the goal
 * markets and the counts are the number or `null`; probabilities are written as JavaScript's `String(number)` (the shortest text that reads
 * back to the same double, e.g. `0.4523` or `1e-7`); logged_at is ISO 8601 UTC with milliseconds
 * (`2026-01-03T12:00:00.000Z`). hash = lowercase hex SHA-256 of that line. The first entry's prev_hash is 64
 * zeros. docs/track-record.md gives a recipe that recomputes it with standard tools.
 */
import { createHash } from 'node:crypto';
import type { GoalMarkets } from './goal-markets.ts';
import type { TeamHistory } from './value-bet.ts';

export const GENESIS_HASH = '0'.repeat(64);

/** The entry formats a chain may hold, oldest first; new entries are chained in the last. */
export const CHAIN_FORMATS = [1, 2, 3] as const;
export type ChainFormat = (typeof CHAIN_FORMATS)[number];
export const CURRENT_CHAIN_FORMAT: ChainFormat = 3;

export interface ChainedPrediction {
  readonly format: ChainFormat;
  readonly matchId: number;
  readonly modelName: string;
  readonly modelVersion: number | null;
  readonly source: string;
  readonly probabilities: readonly [number, number, number];
  /** Over 2.5 and both teams to score as logged; hashed from format 2 on. */
  readonly goalMarkets: GoalMarkets | null;
  /** Each team's earlier matches as logged; hashed from format 3 on. */
  readonly history: TeamHistory | null;
  readonly loggedAtMs: number;
}

/** The exact text hashed for `p` after `prevHash`. */
export function canonicalLine(prevHash: string, p: ChainedPrediction): string {
  const prediction = [
    prevHash,
    p.matchId,
    p.modelName,
    p.modelVersion ?? 'null',
    p.source,
    String(p.probabilities[0]),
    String(p.probabilities[1]),
    String(p.probabilities[2]),
  ];
  const loggedAt = new Date(p.loggedAtMs).toISOString();
  if (p.format === 1) return [...prediction, loggedAt].join('|');
  // The leading tag keeps a later format's line from ever reading as an earlier one's.
  const goals =
    p.goalMarkets === null ? ['null', 'null'] : [String(p.goalMarkets.over25), String(p.goalMarkets.btts)];
  if (p.format === 2) return ['v2', ...prediction, ...goals, loggedAt].join('|');
  const history = p.history === null ? ['null', 'null'] : [String(p.history.home), String(p.history.away)];
  return ['v3', ...prediction, ...goals, ...history, loggedAt].join('|');
}

export function chainHash(prevHash: string, p: ChainedPrediction): string {
  return createHash('sha256').update(canonicalLine(prevHash, p), 'utf8').digest('hex');
}

/** One stored entry: the prediction as logged, its kick-off as known now, and the hashes kept beside it. */
export interface ChainEntry extends ChainedPrediction {
  readonly seq: number;
  readonly kickoffMs: number;
  /**
   * The kick-off the log held when the prediction was logged (not hashed); null for entries logged before it was
   * kept, which are judged by the kick-off now.
   */
  readonly kickoffWhenLoggedMs: number | null;
  readonly prevHash: string;
  readonly hash: string;
}

export interface ChainProblem {
  readonly seq: number;
  readonly matchId: number;
  readonly problem: 'broken-link' | 'hash-mismatch' | 'out-of-order' | 'logged-after-kickoff';
  readonly detail: string;
}

/** An entry logged before its kick-off as then known, the match since moved to that time or earlier. */
export interface MovedKickoff {
  readonly seq: number;
  readonly matchId: number;
  readonly detail: string;
}

export interface ChainVerdict {
  readonly ok: boolean;
  readonly entries: number;
  readonly head: { readonly seq: number; readonly hash: string; readonly loggedAt: string } | null;
  readonly problems: readonly ChainProblem[];
  /** Not problems: the track record leaves these predictions out, as made after the match began. */
  readonly movedKickoffs: readonly MovedKickoff[];
}

/**
 * What an entry's row holds that its format does not hash. Such columns did not exist when it was chained, or
 * (the counts on format-2 entries) were cleared by migration 0018, so a value there now was written afterwards.
 */
function addedAfterChaining(e: ChainedPrediction): string | null {
  if (e.format === 1 && e.goalMarkets !== null) return 'goal markets';
  if (e.format !== 3 && e.history !== null) return "the teams' earlier matches";
  return null;
}

/**
 * Checks a chain in sequence order: every entry links to the previous hash and hashes to its stored hash (so
 * nothing was changed), logged times never go backwards (an entry added later with an earlier time was
 * back-dated), and each prediction was logged before its kick-off. An entry logged before the kick-off known
 * then, whose match was moved to its logging time or earlier since, is listed apart (`movedKickoffs`): a
 * rescheduled match, not a late prediction.
 */
export function verifyChain(entries: readonly ChainEntry[]): ChainVerdict {
  const problems: ChainProblem[] = [];
  const movedKickoffs: MovedKickoff[] = [];
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  let prevLoggedMs = Number.NEGATIVE_INFINITY;
  for (const e of entries) {
    const at = { seq: e.seq, matchId: e.matchId };
    if (e.seq !== prevSeq + 1 || e.prevHash !== prev) {
      problems.push({ ...at, problem: 'broken-link', detail: `expected seq ${prevSeq + 1} after ${prev}` });
    }
    const recomputed = chainHash(e.prevHash, e);
    const added = addedAfterChaining(e);
    if (added !== null) {
      const detail = `${added} on a format-${e.format} entry, which does not cover them`;
      problems.push({ ...at, problem: 'hash-mismatch', detail });
    } else if (recomputed !== e.hash) {
      problems.push({
        ...at,
        problem: 'hash-mismatch',
        detail: `content hashes to ${recomputed}, stored ${e.hash}`,
      });
    }
    if (!(e.loggedAtMs >= prevLoggedMs)) {
      problems.push({
        ...at,
        problem: 'out-of-order',
        detail: 'logged before the entry chained ahead of it',
      });
    }
    if (!(e.loggedAtMs < e.kickoffMs)) {
      const logged = `logged ${new Date(e.loggedAtMs).toISOString()}`;
      const kickoff = new Date(e.kickoffMs).toISOString();
      if (e.kickoffWhenLoggedMs !== null && e.loggedAtMs < e.kickoffWhenLoggedMs) {
        const then = new Date(e.kickoffWhenLoggedMs).toISOString();
        movedKickoffs.push({
          ...at,
          detail: `${logged} for a kick-off at ${then}, since moved to ${kickoff}`,
        });
      } else {
        problems.push({ ...at, problem: 'logged-after-kickoff', detail: `${logged}, kick-off ${kickoff}` });
      }
    }
    prev = e.hash;
    prevSeq = e.seq;
    prevLoggedMs = Math.max(prevLoggedMs, e.loggedAtMs);
  }
  const last = entries.at(-1);
  return {
    ok: problems.length === 0,
    entries: entries.length,
    head: last ? { seq: last.seq, hash: last.hash, loggedAt: new Date(last.loggedAtMs).toISOString() } : null,
    problems,
    movedKickoffs,
  };
}
