/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week, UTC) for the in-process scheduler of
 * the embedded mode; BullMQ reads the same expressions in production. Supports `*`, numbers, `a-b`, lists and
 * steps (`*\/15`, `0-30/5`); day-of-week 0 and 7 are Sunday. When both day fields are restricted, either may
 * match (as in Vixie cron).
 */
const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

export interface CronSchedule {
  readonly expression: string;
  readonly sets: readonly ReadonlySet<number>[];
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

export class CronError extends Error {
  override readonly name = 'CronError';
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw new CronError(`cron ${field.name}: cannot read "${part}"`);
    const step = match[4] === undefined ? 1 : Number(match[4]);
    const from = match[1] === '*' ? field.min : Number(match[2]);
    const to =
      match[1] === '*'
        ? field.max
        : match[3] === undefined
          ? match[4]
            ? field.max
            : from
          : Number(match[3]);
    if (step < 1 || from < field.min || to > field.max || from > to) {
      throw new CronError(`cron ${field.name}: "${part}" is outside ${field.min}-${field.max}`);
    }
    for (let v = from; v <= to; v += step) values.add(field.name === 'day of week' && v === 7 ? 0 : v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new CronError(`cron "${expression}": expected 5 fields, got ${parts.length}`);
  return {
    expression,
    sets: parts.map((p, i) => parseField(p, FIELDS[i] as (typeof FIELDS)[number])),
    dayOfMonthRestricted: parts[2] !== '*',
    dayOfWeekRestricted: parts[4] !== '*',
  };
}

export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  const [minute, hour, dom, month, dow] = schedule.sets as [
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
    ReadonlySet<number>,
  ];
  if (!minute.has(at.getUTCMinutes()) || !hour.has(at.getUTCHours()) || !month.has(at.getUTCMonth() + 1)) {
    return false;
  }
  const domOk = dom.has(at.getUTCDate());
  const dowOk = dow.has(at.getUTCDay());
  if (schedule.dayOfMonthRestricted && schedule.dayOfWeekRestricted) return domOk || dowOk;
  return domOk && dowOk;
}

/** The first whole minute strictly after `after` that matches, searching up to a year ahead. */
export function nextCronTime(schedule: CronSchedule, after: Date): Date {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  for (let i = 0; i < 366 * 24 * 60; i++) {
    t.setTime(t.getTime() + 60_000);
    if (cronMatches(schedule, t)) return t;
  }
  throw new CronError(`cron "${schedule.expression}" never fires`);
}
