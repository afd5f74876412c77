/** The Period filter: quick picks relative to now, or a custom range of whole UTC days. */
export const PERIOD_PICKS = ['all', 'next7', 'last7', 'last30', 'last365', 'custom'] as const;
export type PeriodPick = (typeof PERIOD_PICKS)[number];

export const PERIOD_LABELS: Readonly<Record<PeriodPick, string>> = {
  all: 'All dates',
  next7: 'Next 7 days',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last365: 'Last 12 months',
  custom: 'Custom range',
};

const DAY_MS = 86_400_000;

export interface Period {
  readonly fromMs: number | null;
  readonly toMs: number | null;
}

/** `YYYY-MM-DD` → that UTC midnight in ms, or null for an empty or invalid input. */
export function dayStartMs(day: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

export function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The window of a pick; custom uses the two day inputs, `to` inclusive of its whole day. */
export function periodRange(pick: PeriodPick, nowMs: number, customFrom = '', customTo = ''): Period {
  switch (pick) {
    case 'all':
      return { fromMs: null, toMs: null };
    case 'next7':
      return { fromMs: nowMs, toMs: nowMs + 7 * DAY_MS };
    case 'last7':
      return { fromMs: nowMs - 7 * DAY_MS, toMs: nowMs };
    case 'last30':
      return { fromMs: nowMs - 30 * DAY_MS, toMs: nowMs };
    case 'last365':
      return { fromMs: nowMs - 365 * DAY_MS, toMs: nowMs };
    case 'custom': {
      const to = dayStartMs(customTo);
      return { fromMs: dayStartMs(customFrom), toMs: to === null ? null : to + DAY_MS };
    }
  }
}
