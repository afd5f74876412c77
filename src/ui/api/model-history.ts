/** GET /predict/model/history: the registry's alias moves, newest first. */
import { asArray, asObject, bool, str, strOrNull } from './decode.ts';

export interface PromotionEntry {
  readonly alias: string;
  readonly fromVersion: string | null;
  readonly toVersion: string | null;
  readonly actor: string;
  readonly reason: string;
  readonly at: string;
  readonly rollback: boolean;
}

export function decodeModelHistory(value: unknown): PromotionEntry[] {
  return asArray(value, 'history').map((item, i) => {
    const path = `history[${i}]`;
    const o = asObject(item, path);
    return {
      alias: str(o, 'alias', path),
      fromVersion: strOrNull(o, 'from_version', path),
      toVersion: strOrNull(o, 'to_version', path),
      actor: str(o, 'actor', path),
      reason: str(o, 'reason', path),
      at: str(o, 'at', path),
      rollback: bool(o, 'rollback', path),
    };
  });
}
