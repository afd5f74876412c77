/** The JSON a worker publishes on the results channel when a task ends, and its parser. */
import type { TaskOutcome } from './result-waiters.ts';

export interface ResultMessage {
  readonly id: string;
  readonly outcome: TaskOutcome;
}

export function formatResultMessage(id: string, outcome: TaskOutcome): string {
  return JSON.stringify(
    outcome.ok ? { id, ok: true, result: outcome.result } : { id, ok: false, error: outcome.error },
  );
}

/** Null for anything that is not a well-formed message (the channel is ours, but Redis is shared). */
export function parseResultMessage(text: string): ResultMessage | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const m = value as { id?: unknown; ok?: unknown; result?: unknown; error?: unknown };
  if (typeof m.id !== 'string') return null;
  if (m.ok === true) return { id: m.id, outcome: { ok: true, result: m.result } };
  if (m.ok === false)
    return { id: m.id, outcome: { ok: false, error: typeof m.error === 'string' ? m.error : 'failed' } };
  return null;
}
