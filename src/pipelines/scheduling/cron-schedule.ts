/**
 * Cron expressions for the embedded mode's in-process scheduler, read by cron-parser: the same library BullMQ
 * uses for job schedulers in production, so an expression means the same in both modes (ranges, lists, steps,
 * names such as MON-FRI, `L`, `#`, an optional seconds field). Evaluated in UTC.
 */
import { CronExpressionParser } from 'cron-parser';
import { ExpectedError } from '../../domain/expected-error.ts';

export class CronError extends ExpectedError {
  override readonly name = 'CronError';
}

function parse(expression: string, after: Date) {
  try {
    return CronExpressionParser.parse(expression, { currentDate: after, tz: 'UTC', strict: false });
  } catch (error) {
    throw new CronError(`cron "${expression}": ${(error as Error).message}`);
  }
}

/** Throws a CronError naming the expression when it cannot be read. */
export function checkCron(expression: string): void {
  parse(expression, new Date(0));
}

/** The first firing strictly after `after`. */
export function nextCronTime(expression: string, after: Date): Date {
  return parse(expression, after).next().toDate();
}
