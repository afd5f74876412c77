/** GET /predict/cards/ decoded into the dashboard's card model (times parsed once, search text prepared). */
import type { Odds1x2 } from '../../domain/odds.ts';
import { isValidOdds } from '../../domain/odds.ts';
import type { OutcomeClass, Probabilities } from '../../domain/outcome.ts';
import { SUSPECT_REASONS, type SuspectEdge, type ValueBet } from '../../domain/value-bet.ts';
import { isScored, type PredictionSource, predictionSource } from '../logic/prediction-source.ts';
import {
  asArray,
  asObject,
  boolOrNull,
  DecodeError,
  type Json,
  num,
  numOrNull,
  outcomeClass,
  outcomeClassOrNull,
  probOrNull,
  str,
  strOrNull,
  timeMs,
} from './decode.ts';

/** Cards without a region are grouped under this id. */
export const UNKNOWN_REGION_ID = -1;

/** A card's value bet with what the API computed around it (params.yaml `betting`, odds history). */
export interface CardValueBet extends ValueBet {
  /** Flat stake in units; null from an API that does not send it. */
  readonly stakeFlat: number | null;
  /** Fractional Kelly stake as a share of the bankroll (capped). */
  readonly stakeKelly: number | null;
  /** The closing price of the outcome bet on; null until the market closes. */
  readonly closingOdd: number | null;
  /** Closing-line value; null before the close or for a bet taken at the closing price. */
  readonly clv: number | null;
}

export interface MatchCard {
  readonly id: number;
  readonly kickoffMs: number;
  readonly regionId: number;
  readonly regionName: string;
  /** 0 men, 1 women, null unknown. */
  readonly sex: number | null;
  readonly status: string;
  readonly home: string;
  readonly away: string;
  readonly probs: Probabilities;
  readonly predicted: OutcomeClass;
  readonly odds: Odds1x2 | null;
  readonly oddsUrl: string | null;
  readonly homeScore: number | null;
  readonly awayScore: number | null;
  /** The actual outcome; null until finished. */
  readonly outcome: OutcomeClass | null;
  /** Still to be played: no result yet, and neither cancelled nor postponed. */
  readonly upcoming: boolean;
  /** Right/wrong, only when the prediction may be scored (see prediction-source.ts); else null. */
  readonly correct: boolean | null;
  readonly valueBet: CardValueBet | null;
  /** A best edge flagged instead of bet, with why (judgeEdge, src/domain/value-bet.ts); never counted as a bet. */
  readonly suspectEdge: SuspectEdge | null;
  /** Each team's earlier matches when the prediction was made; null when the API does not say. */
  readonly homeMatchesPlayed: number | null;
  readonly awayMatchesPlayed: number | null;
  readonly modelStage: string;
  readonly modelRunId: string | null;
  readonly computedAtMs: number | null;
  /** P(over 2.5 goals) and P(both teams score) where the API has them; null otherwise. */
  readonly probOver25: number | null;
  readonly probBtts: number | null;
  readonly source: PredictionSource;
  readonly scored: boolean;
  /** Lower-cased "home away" for the team search. */
  readonly searchText: string;
}

function decodeValueBet(v: unknown, path: string): ValueBet | null {
  if (v === null || v === undefined) return null;
  const o = asObject(v, path);
  return { outcome: outcomeClass(o, 'outcome', path), edge: num(o, 'edge', path), odd: num(o, 'odd', path) };
}

function decodeSuspectEdge(v: unknown, path: string): SuspectEdge | null {
  const edge = decodeValueBet(v, path);
  if (edge === null) return null;
  const reason = str(v as Json, 'reason', path);
  const known = SUSPECT_REASONS.find((r) => r === reason);
  if (known === undefined) throw new DecodeError(`${path}.reason`, SUSPECT_REASONS.join(' or '));
  return { ...edge, reason: known };
}

function decodeCardValueBet(v: unknown, path: string): CardValueBet | null {
  const bet = decodeValueBet(v, path);
  if (bet === null) return null;
  const o = v as Json;
  return {
    ...bet,
    stakeFlat: numOrNull(o, 'stake_flat', path),
    stakeKelly: probOrNull(o, 'stake_kelly', path),
    closingOdd: numOrNull(o, 'closing_odd', path),
    clv: numOrNull(o, 'clv', path),
  };
}

export function decodeCard(value: unknown, path: string): MatchCard {
  const o: Json = asObject(value, path);
  const kickoffMs = timeMs(o, 'start_time_utc', path);
  const computedAt = strOrNull(o, 'predictions_computed_at', path);
  const parsedComputedAt = computedAt === null ? Number.NaN : Date.parse(computedAt);
  const computedAtMs = Number.isNaN(parsedComputedAt) ? null : parsedComputedAt;
  const outcome = outcomeClassOrNull(o, 'outcome', path);
  const predicted = outcomeClass(o, 'predicted_class', path);
  const modelStage = strOrNull(o, 'model_stage', path) ?? 'unknown';
  const source = predictionSource({
    modelStage,
    computedAtMs,
    kickoffMs,
    finished: outcome !== null,
  });
  const scored = isScored(source);
  const odds = [
    numOrNull(o, 'odd_home', path),
    numOrNull(o, 'odd_draw', path),
    numOrNull(o, 'odd_away', path),
  ];
  // The API allows nulls where the pipeline lacked metadata; the card still shows, with a placeholder.
  const home = strOrNull(o, 'home_team_name', path) ?? '?';
  const away = strOrNull(o, 'away_team_name', path) ?? '?';
  const apiCorrect = boolOrNull(o, 'prediction_correct', path);
  const status = strOrNull(o, 'status', path) ?? (outcome === null ? 'scheduled' : 'finished');
  return {
    id: num(o, 'match_id', path),
    kickoffMs,
    regionId: numOrNull(o, 'region_id', path) ?? UNKNOWN_REGION_ID,
    regionName: strOrNull(o, 'region_name', path) ?? 'Unknown region',
    sex: numOrNull(o, 'sex', path),
    status,
    home,
    away,
    probs: [num(o, 'proba_home', path), num(o, 'proba_draw', path), num(o, 'proba_away', path)],
    predicted,
    odds: isValidOdds(odds) ? odds : null,
    oddsUrl: strOrNull(o, 'odds_url', path),
    homeScore: numOrNull(o, 'home_score', path),
    awayScore: numOrNull(o, 'away_score', path),
    outcome,
    upcoming: outcome === null && (status === 'scheduled' || status === 'live'),
    correct: scored && outcome !== null ? (apiCorrect ?? predicted === outcome) : null,
    valueBet: decodeCardValueBet(o.value_bet, `${path}.value_bet`),
    suspectEdge: decodeSuspectEdge(o.suspect_edge, `${path}.suspect_edge`),
    homeMatchesPlayed: numOrNull(o, 'home_matches_played', path),
    awayMatchesPlayed: numOrNull(o, 'away_matches_played', path),
    modelStage,
    modelRunId: strOrNull(o, 'model_run_id', path),
    computedAtMs,
    probOver25: probOrNull(o, 'proba_over_2_5', path),
    probBtts: probOrNull(o, 'proba_btts', path),
    source,
    scored,
    searchText: `${home} ${away}`.toLowerCase(),
  };
}

/** Performance marks around decoding, read by bench/ui-first-render.ts to split the first-render time. */
export const DECODE_MARKS = {
  start: 'matchcast:cards-decode-start',
  end: 'matchcast:cards-decode-end',
} as const;

export function decodeCards(value: unknown): readonly MatchCard[] {
  performance.mark(DECODE_MARKS.start);
  const rows = asArray(value, 'cards');
  const out = new Array<MatchCard>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = decodeCard(rows[i], `cards[${i}]`);
  performance.mark(DECODE_MARKS.end);
  return out;
}
