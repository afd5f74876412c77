/**
 * Pure reading of an alias's append-only promotion history. Rollback walks a stack: each promotion pushes the
 * version it moved to, each rollback pops one, so rolling back twice goes two champions back rather than
 * flipping between the last two.
 */
import type { ModelAlias } from '../domain/model-signature.ts';

export interface Promotion {
  readonly id: number;
  readonly name: string;
  readonly alias: ModelAlias;
  readonly fromVersion: number | null;
  readonly toVersion: number | null;
  readonly actor: string;
  readonly reason: string;
  readonly at: Date;
  /** A rollback is recorded like any move; this marks it so the next rollback goes further back. */
  readonly rollback: boolean;
}

/** Reasons of rollback rows start with this, which is how the history (one table, no kind column) marks them. */
export const ROLLBACK_REASON_PREFIX = 'rollback: ';

/** The versions the alias pointed at, oldest first, after replaying promotions and rollbacks. */
export function aliasStack(history: readonly Promotion[]): number[] {
  const stack: number[] = [];
  for (const entry of [...history].sort((a, b) => a.id - b.id)) {
    if (entry.rollback) stack.pop();
    if (entry.toVersion === null) continue;
    if (stack.at(-1) !== entry.toVersion) stack.push(entry.toVersion);
  }
  return stack;
}

/** The version a rollback should restore, or null when the alias never had an earlier one. */
export function rollbackTarget(history: readonly Promotion[]): number | null {
  const stack = aliasStack(history);
  return stack.length >= 2 ? (stack[stack.length - 2] ?? null) : null;
}
