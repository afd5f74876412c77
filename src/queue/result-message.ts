/** The JSON a worker publishes on the results channel when a task ends: its schema, writer and parser. */
import { type Static, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TaskOutcome } from './result-waiters.ts';

export interface ResultMessage {
  readonly id: string;
  readonly outcome: TaskOutcome;
}

/**
 * One message: the task id and either its result or its failure. `error` is read leniently (anything but text
 * reads as "failed"), so a failure always reaches its waiter.
 */
const ResultMessageBody = Type.Union([
  Type.Object({ id: Type.String(), ok: Type.Literal(true), result: Type.Optional(Type.Unknown()) }),
  Type.Object({ id: Type.String(), ok: Type.Literal(false), error: Type.Optional(Type.Unknown()) }),
]);
const checker = Compile(ResultMessageBody);

export function formatResultMessage(id: string, outcome: TaskOutcome): string {
  const body: Static<typeof ResultMessageBody> = outcome.ok
    ? { id, ok: true, result: outcome.result }
    : { id, ok: false, error: outcome.error };
  return JSON.stringify(body);
}

/** Null for anything that is not a well-formed message (the channel is ours, but Redis is shared). */
export function parseResultMessage(text: string): ResultMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!checker.Check(value)) return null;
  if (value.ok) return { id: value.id, outcome: { ok: true, result: value.result } };
  return {
    id: value.id,
    outcome: { ok: false, error: typeof value.error === 'string' ? value.error : 'failed' },
  };
}
