/**
 * A model's training window, and how far it lags the results: a model whose data ends long before the newest
 * finished match has not learnt from the matches since, and wants retraining. Measured against the newest
 * result rather than today, so an off-season or an archived history flags no model.
 */
import type { MatchCard } from '../api/cards.ts';
import { count } from './format.ts';

const DAY_MS = 86_400_000;

/** A model whose data ends more than this before the newest result is flagged stale. */
export const STALE_AFTER_DAYS = 28;

const day = (iso: string | undefined) => (iso === undefined ? '?' : iso.slice(0, 10));

/** `4,932 matches, 2021-04-10 → 2026-11-08` from a model's params; null when `trained_until` is not recorded. */
export function trainingWindowText(params: Readonly<Record<string, string>>): string | null {
  if (params.trained_until === undefined) return null;
  const n = params.n_train === undefined ? '' : `${count(Number(params.n_train))} matches, `;
  return `${n}${day(params.trained_from)} → ${day(params.trained_until)}`;
}

/** The kick-off of the newest finished match among the cards; null without one. */
export function newestResultMs(cards: readonly Pick<MatchCard, 'kickoffMs' | 'outcome'>[]): number | null {
  let newest: number | null = null;
  for (const c of cards)
    if (c.outcome !== null && (newest === null || c.kickoffMs > newest)) newest = c.kickoffMs;
  return newest;
}

export interface TrainingLag {
  /** Whole days from the end of the training data to the newest result (0 when it covers it). */
  readonly days: number;
  readonly stale: boolean;
}

/** Null when the model records no readable `trained_until`, or no match is finished. */
export function trainingLag(trainedUntil: string | undefined, newestMs: number | null): TrainingLag | null {
  const untilMs = trainedUntil === undefined ? Number.NaN : Date.parse(trainedUntil);
  if (newestMs === null || Number.isNaN(untilMs)) return null;
  const lagMs = Math.max(0, newestMs - untilMs);
  return { days: Math.floor(lagMs / DAY_MS), stale: lagMs > STALE_AFTER_DAYS * DAY_MS };
}
