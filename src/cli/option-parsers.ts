/**
 * Parsers for option values, shared by every command: a bad value is one line naming the option and the form it
 * expects, with exit status 2 (program.ts, oneLineUsageErrors).
 */
import { InvalidArgumentError, Option } from 'commander';
import { LEAGUE_CODE_PATTERN, SEASON_PATTERN } from '../config/params.ts';
import { isCalendarDate } from '../domain/calendar-date.ts';

/** `YYYY-MM-DD`, a day that exists → milliseconds since the epoch at 00:00 UTC. */
export function parseIsoDate(value: string): number {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD.');
  return Date.parse(`${value}T00:00:00Z`);
}

/** Largest count an option takes: past ~1e14 a number reaches Redis's scripts in exponent notation, which they refuse. */
const MAX_COUNT = 1_000_000;

/** A whole number from 0 to MAX_COUNT. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > MAX_COUNT)
    throw new InvalidArgumentError(`expected a whole number from 0 to ${MAX_COUNT.toLocaleString('en-US')}.`);
  return Number(value);
}

/** Most processes or tasks at once an option takes. */
const MAX_AT_ONCE = 1000;

/** A whole number from 1 to MAX_AT_ONCE: processes (`api --workers`) or tasks at once (`worker --concurrency`). */
export function parseAtOnce(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_AT_ONCE)
    throw new InvalidArgumentError(
      `expected a whole number from 1 to ${MAX_AT_ONCE.toLocaleString('en-US')}.`,
    );
  return Number(value);
}

/** Text with something in it: an empty reason, actor, model name or key prefix records or finds nothing useful. */
export function nonEmpty(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('expected a non-empty value.');
  return value;
}

/** `E0,D1,ARG`: football-data league codes (main divisions and new-league countries). */
export function leagueList(value: string): string[] {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const bad = items.filter((l) => !new RegExp(LEAGUE_CODE_PATTERN).test(l));
  if (items.length === 0 || bad.length > 0) {
    throw new InvalidArgumentError(
      `${bad.length > 0 ? `bad code ${bad.join(', ')}; ` : ''}expected league codes such as E0,D1,SP1 or ARG,USA.`,
    );
  }
  return items;
}

/** A season such as `2016-17`. */
export function season(value: string): string {
  const ok =
    new RegExp(SEASON_PATTERN).test(value) &&
    (Number(value.slice(0, 4)) + 1) % 100 === Number(value.slice(5));
  if (!ok) throw new InvalidArgumentError('expected a season such as 2016-17.');
  return value;
}

const DURATION_UNITS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `90s`, `30m`, `1h` or `7d` → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 90s, 30m, 1h or 7d.');
  return Number(match[1]) * (DURATION_UNITS[match[2] ?? ''] ?? 0);
}

/** The shared `--params <file>` option: another params.yaml than the package one (`loadParams(flags.params)`). */
export function paramsOption(): Option {
  return new Option('--params <file>', 'params.yaml to use (default: the package one)');
}
