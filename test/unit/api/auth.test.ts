import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyMatches } from '../../../src/api/plugins/auth.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

describe('keyMatches', () => {
  it('accepts the exact key only', () => {
    expect(keyMatches('secret-key', digest('secret-key'))).toBe(true);
    expect(keyMatches('secret-kez', digest('secret-key'))).toBe(false);
    expect(keyMatches('secret-key-longer', digest('secret-key'))).toBe(false);
    expect(keyMatches('s', digest('secret-key'))).toBe(false);
  });

  it('refuses a missing or empty key', () => {
    expect(keyMatches(undefined, digest('secret-key'))).toBe(false);
    expect(keyMatches('', digest(''))).toBe(false);
  });
});
