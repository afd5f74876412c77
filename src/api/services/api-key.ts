/**
 * The key /predict/* requires. Production (a database or queue server configured) must be given API_KEY and
 * refuses to start without it. The embedded demo makes a random key once and keeps it in DATA_DIR/api-key, so
 * a restart (and the dashboard link printed with it) keeps working.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config/config.ts';

export const API_KEY_FILE = 'api-key';

export class MissingApiKeyError extends Error {
  override readonly name = 'MissingApiKeyError';
  constructor() {
    super('API_KEY must be set in production mode (DATABASE_URL or REDIS_URL is set)');
  }
}

export interface ResolvedApiKey {
  readonly key: string;
  readonly source: 'env' | 'file' | 'generated';
}

export function resolveApiKey(config: Pick<Config, 'apiKey' | 'production' | 'dataDir'>): ResolvedApiKey {
  if (config.apiKey) return { key: config.apiKey, source: 'env' };
  if (config.production) throw new MissingApiKeyError();
  const file = join(config.dataDir, API_KEY_FILE);
  try {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 8) return { key: stored, source: 'file' };
  } catch {
    // no key yet: make one below
  }
  const key = randomBytes(24).toString('base64url');
  mkdirSync(config.dataDir, { recursive: true });
  // 'wx' fails if another process (a cluster sibling) wrote the file first; then its key wins.
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    return { key: readFileSync(file, 'utf8').trim(), source: 'file' };
  }
  return { key, source: 'generated' };
}
