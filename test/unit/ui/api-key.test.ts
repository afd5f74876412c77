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
  it('finds and removes the key in a shared view link, wherever it sits', () => {
    expect(keyFromFragment('#/matches?key=k1&region=3')).toBe('k1');
    expect(keyFromFragment('#/matches?region=3&key=k2')).toBe('k2');
    expect(fragmentWithoutKey('#/matches?key=k1&region=3')).toBe('#/matches?region=3');
    expect(fragmentWithoutKey('#/matches?region=3&key=k2')).toBe('#/matches?region=3');
    expect(fragmentWithoutKey('#/matches?key=k1')).toBe('#/matches');
  });
});
