import { describe, expect, it } from 'vitest';
import { fragmentWithoutKey, keyFromFragment } from '../../../src/ui/auth/api-key.ts';

describe('API key in the URL fragment', () => {
  it('reads the key the start-up link carries', () => {
    expect(keyFromFragment('#key=abc123')).toBe('abc123');
    expect(keyFromFragment('#/model&key=a%2Bb')).toBe('a+b');
    expect(keyFromFragment('#/matches')).toBeNull();
    expect(keyFromFragment('#key=')).toBeNull();
    expect(keyFromFragment('')).toBeNull();
  });
  it('removes only the key from the fragment', () => {
    expect(fragmentWithoutKey('#key=abc')).toBe('');
    expect(fragmentWithoutKey('#/model&key=abc')).toBe('#/model');
  });
});
