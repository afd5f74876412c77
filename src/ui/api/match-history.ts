/**
 * One match's history: GET /predict/history/{id} (every logged prediction, with its time and model version)
 * and GET /predict/odds/{id} (every price snapshot, opening, latest before kick-off and closing).
 */
import type { Odds1x2 } from '../../domain/odds.ts';
import type { Probabilities } from '../../domain/outcome.ts';
import { asArray, asObject, bool, type Json, num, numOrNull, str, strOrNull, timeMs } from './decode.ts';

export interface LoggedPredictionView {
  readonly loggedAtMs: number;
  readonly modelName: string;
  readonly modelVersion: number | null;
  readonly modelAlias: string | null;
  readonly source: string;
  readonly probs: Probabilities;
  readonly beforeKickoff: boolean;
  readonly honest: boolean;
}

export interface PredictionHistoryView {
  readonly kickoffMs: number;
  readonly predictions: readonly LoggedPredictionView[];
}

export function decodePredictionHistory(value: unknown): PredictionHistoryView {
  const o = asObject(value, 'history');
  return {
    kickoffMs: timeMs(o, 'kickoff', 'history'),
    predictions: asArray(o.predictions, 'history.predictions').map((item, i) => {
      const path = `history.predictions[${i}]`;
      const p = asObject(item, path);
      return {
        loggedAtMs: timeMs(p, 'logged_at', path),
        modelName: str(p, 'model_name', path),
        modelVersion: numOrNull(p, 'model_version', path),
        modelAlias: strOrNull(p, 'model_alias', path),
        source: str(p, 'source', path),
        probs: [num(p, 'proba_home', path), num(p, 'proba_draw', path), num(p, 'proba_away', path)],
        beforeKickoff: bool(p, 'before_kickoff', path),
        honest: bool(p, 'honest', path),
      };
    }),
  };
}

export interface OddsSnapshotView {
  readonly bookmaker: string;
  readonly kind: 'pre_match' | 'closing';
  readonly observedAtMs: number;
  readonly odds: Odds1x2;
}

export interface OddsHistoryView {
  readonly kickoffMs: number;
  readonly opening: OddsSnapshotView | null;
  readonly latestPreMatch: OddsSnapshotView | null;
  readonly closing: OddsSnapshotView | null;
  readonly snapshots: readonly OddsSnapshotView[];
}

function snapshot(v: unknown, path: string): OddsSnapshotView {
  const o: Json = asObject(v, path);
  const kind = str(o, 'kind', path);
  return {
    bookmaker: str(o, 'bookmaker', path),
    kind: kind === 'closing' ? 'closing' : 'pre_match',
    observedAtMs: timeMs(o, 'observed_at', path),
    odds: [num(o, 'odd_home', path), num(o, 'odd_draw', path), num(o, 'odd_away', path)],
  };
}

const snapshotOrNull = (v: unknown, path: string) =>
  v === null || v === undefined ? null : snapshot(v, path);

export function decodeOddsHistory(value: unknown): OddsHistoryView {
  const o = asObject(value, 'odds');
  return {
    kickoffMs: timeMs(o, 'kickoff', 'odds'),
    opening: snapshotOrNull(o.opening, 'odds.opening'),
    latestPreMatch: snapshotOrNull(o.latest_pre_match, 'odds.latest_pre_match'),
    closing: snapshotOrNull(o.closing, 'odds.closing'),
    snapshots: asArray(o.snapshots, 'odds.snapshots').map((s, i) => snapshot(s, `odds.snapshots[${i}]`)),
  };
}
