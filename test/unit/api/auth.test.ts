import { describe, expect, it } from 'vitest';
import { keyBlock, keyMatches, MAX_KEY_BYTES } from '../../../src/api/plugins/auth.ts';

const block = (key: string) => keyBlock(key) as Buffer;

describe('keyMatches', () => {
  it('accepts the exact key only', () => {
    expect(keyMatches('secret-key', block('secret-key'))).toBe(true);
    expect(keyMatches('secret-kez', block('secret-key'))).toBe(false);
    expect(keyMatches('secret-key-longer', block('secret-key'))).toBe(false);
    expect(keyMatches('s', block('secret-key'))).toBe(false);
    expect(keyMatches('secret-key\0', block('secret-key'))).toBe(false); // padding is not a wildcard
    expect(keyMatches('clé-secrète-ü', block('clé-secrète-ü'))).toBe(true);
  });

  it('refuses a missing, empty or over-long key', () => {
    expect(keyMatches(undefined, block('secret-key'))).toBe(false);
    expect(keyMatches('', block(''))).toBe(false);
    const longest = 'k'.repeat(MAX_KEY_BYTES);
    expect(keyMatches(longest, block(longest))).toBe(true);
    expect(keyBlock(`${longest}k`)).toBeNull();
    expect(keyMatches(`${longest}k`, block(longest))).toBe(false);
  });
});
