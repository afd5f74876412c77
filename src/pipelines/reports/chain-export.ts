/**
 * The prediction chain as JSON lines, one entry per line in chain order: what `matchcast export-track-record`
 * writes and `matchcast verify-track-record --file` reads. Probabilities travel as the exact strings hashed
 * (see domain/prediction-chain.ts), so a JSON tool that rewrites numbers cannot change what is checked. A line
 * without `format` is a format-1 entry (exports written before format 2 existed still verify). Each line carries
 * the fields its format hashes, and no others.
 *
 * @example
 *   {"seq":1,"format":3,"match_id":7,"kickoff":"2026-01-10T15:00:00.000Z","model_name":"matchcast",
 *    "model_version":3,"source":"batch","proba_home":"0.45","proba_draw":"0.25","proba_away":"0.3",
 *    "proba_over_2_5":"0.52","proba_btts":"0.55","home_matches_played":31,"away_matches_played":4,
 *    "logged_at":"2026-01-08T09:30:00.000Z","prev_hash":"000…0","hash":"5d1…"}
 */
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { ExpectedError } from '../../domain/expected-error.ts';
import type { ChainEntry } from '../../domain/prediction-chain.ts';
import { teamHistoryOf } from '../../domain/value-bet.ts';

const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Probability = Type.String({ pattern: '^[0-9.eE+-]+$' });
const Time = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$' });

const OptionalProbability = Type.Optional(Type.Union([Probability, Type.Null()]));
const OptionalCount = Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]));

export const ExportLine = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    // Absent on lines exported before format 2: those are format 1.
    format: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)])),
    match_id: Type.Integer({ minimum: 0 }),
    kickoff: Time,
    /** The kick-off when the prediction was logged (not hashed); absent or null where the log did not keep it. */
    kickoff_when_logged: Type.Optional(Type.Union([Time, Type.Null()])),
    model_name: Type.String(),
    model_version: Type.Union([Type.Integer(), Type.Null()]),
    source: Type.String(),
    proba_home: Probability,
    proba_draw: Probability,
    proba_away: Probability,
    /** From format 2 on: the goal markets hashed with the entry, null when none were logged. */
    proba_over_2_5: OptionalProbability,
    proba_btts: OptionalProbability,
    /** Format 3 only: each team's earlier matches hashed with the entry, null when none were logged. */
    home_matches_played: OptionalCount,
    away_matches_played: OptionalCount,
    logged_at: Time,
    prev_hash: Hash,
    hash: Hash,
  },
  { additionalProperties: false },
);
export type ExportLine = Static<typeof ExportLine>;

export function exportLine(e: ChainEntry): string {
  const goals =
    e.format === 1
      ? {}
      : {
          proba_over_2_5: e.goalMarkets === null ? null : String(e.goalMarkets.over25),
          proba_btts: e.goalMarkets === null ? null : String(e.goalMarkets.btts),
        };
  const history =
    e.format === 3
      ? { home_matches_played: e.history?.home ?? null, away_matches_played: e.history?.away ?? null }
      : {};
  const line: ExportLine = {
    seq: e.seq,
    format: e.format,
    match_id: e.matchId,
    kickoff: new Date(e.kickoffMs).toISOString(),
    kickoff_when_logged:
      e.kickoffWhenLoggedMs === null ? null : new Date(e.kickoffWhenLoggedMs).toISOString(),
    model_name: e.modelName,
    model_version: e.modelVersion,
    source: e.source,
    proba_home: String(e.probabilities[0]),
    proba_draw: String(e.probabilities[1]),
    proba_away: String(e.probabilities[2]),
    ...goals,
    ...history,
    logged_at: new Date(e.loggedAtMs).toISOString(),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
  return JSON.stringify(line);
}

/** Reads an export; a line that is not an entry is an ExpectedError naming the file, line and field. */
export function parseExport(text: string, file: string): ChainEntry[] {
  const entries: ChainEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new ExpectedError(`${file}:${i + 1}: not a JSON line`);
    }
    if (!Value.Check(ExportLine, value)) {
      const [error] = Value.Errors(ExportLine, value);
      throw new ExpectedError(
        `${file}:${i + 1}: ${error?.instancePath || 'entry'} ${error?.message ?? 'is invalid'}`,
      );
    }
    const over = value.proba_over_2_5 ?? null;
    const btts = value.proba_btts ?? null;
    // Both of a pair or neither, as the log holds them: one alone would hash as neither here, and as itself in
    // the documented recipes, so two verifiers would disagree on the same file.
    const half =
      halfPair(over, btts, 'proba_over_2_5', 'proba_btts') ??
      halfPair(
        value.home_matches_played ?? null,
        value.away_matches_played ?? null,
        'home_matches_played',
        'away_matches_played',
      );
    if (half !== null) throw new ExpectedError(`${file}:${i + 1}: ${half}`);
    entries.push({
      seq: value.seq,
      format: value.format ?? 1,
      matchId: value.match_id,
      kickoffMs: Date.parse(value.kickoff),
      kickoffWhenLoggedMs: value.kickoff_when_logged ? Date.parse(value.kickoff_when_logged) : null,
      modelName: value.model_name,
      modelVersion: value.model_version,
      source: value.source,
      probabilities: [Number(value.proba_home), Number(value.proba_draw), Number(value.proba_away)],
      goalMarkets: over === null || btts === null ? null : { over25: Number(over), btts: Number(btts) },
      history: teamHistoryOf(value.home_matches_played, value.away_matches_played),
      loggedAtMs: Date.parse(value.logged_at),
      prevHash: value.prev_hash,
      hash: value.hash,
    });
  }
  return entries;
}

/** What is wrong when exactly one value of a pair is null; null when both are or neither is. */
function halfPair(a: unknown, b: unknown, nameA: string, nameB: string): string | null {
  if ((a === null) === (b === null)) return null;
  return a === null ? `${nameA} is null while ${nameB} is not` : `${nameB} is null while ${nameA} is not`;
}
