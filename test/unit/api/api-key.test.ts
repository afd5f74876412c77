import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MissingApiKeyError, resolveApiKey } from '../../../src/api/services/api-key.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-key-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('resolveApiKey', () => {
  it('uses API_KEY when given', () => {
    expect(resolveApiKey({ apiKey: 'given-key-123', production: true, dataDir: tempDir() })).toEqual({
      key: 'given-key-123',
      source: 'env',
    });
  });

  it('refuses production without API_KEY', () => {
    expect(() => resolveApiKey({ apiKey: undefined, production: true, dataDir: tempDir() })).toThrow(
      MissingApiKeyError,
    );
  });

  it('generates a demo key once, keeps it private under DATA_DIR, and reuses it', () => {
    const dataDir = join(tempDir(), 'var');
    const first = resolveApiKey({ apiKey: undefined, production: false, dataDir });
    expect(first.source).toBe('generated');
    expect(first.key.length).toBeGreaterThanOrEqual(24);
    expect(readFileSync(join(dataDir, 'api-key'), 'utf8').trim()).toBe(first.key);
    expect(statSync(join(dataDir, 'api-key')).mode & 0o077).toBe(0);
    expect(resolveApiKey({ apiKey: undefined, production: false, dataDir })).toEqual({
      key: first.key,
      source: 'file',
    });
  });
});
