/** sha256 of artifact bytes, hex-encoded: what the registry records and workers verify. */
import { createHash } from 'node:crypto';

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
