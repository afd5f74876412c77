import { describe, expect, it } from 'vitest';
import { routeKindOf } from '../../../src/api/plugins/security.ts';

describe('routeKindOf', () => {
  it('names predictions and live scores with or without /v1, query strings included', () => {
    expect(routeKindOf('/predict/precomputed/12')).toBe('predict');
    expect(routeKindOf('/v1/predict/async/?x=1')).toBe('predict');
    expect(routeKindOf('/predict/unknown-route')).toBe('predict');
    expect(routeKindOf('/livescores/?month=3')).toBe('livescores');
    expect(routeKindOf('/v1/livescores/')).toBe('livescores');
  });

  it('reads a target written otherwise as the router does: percent-encoded or in absolute form', () => {
    expect(routeKindOf('/%70redict/model/info')).toBe('predict');
    expect(routeKindOf('/v1/%70%72edict/precomputed/12?x=%20')).toBe('predict');
    // Counted whatever the router makes of an encoded slash: limiting an odd spelling is the safe side.
    expect(routeKindOf('/predict%2Fmodel')).toBe('predict');
    expect(routeKindOf('http://x/predict/model/info')).toBe('predict');
    expect(routeKindOf('https://x:8000/v1/livescores/?month=3')).toBe('livescores');
    expect(routeKindOf('/livescores/?league=%zz')).toBe('livescores');
    expect(routeKindOf('/%zz/predict/')).toBe('other');
  });

  it('treats everything else, look-alikes included, as other', () => {
    for (const url of [
      '/',
      '/predict',
      '/v1/predict',
      '/v1predict/x',
      '/v2/predict/x',
      '/v1/v1/predict/x',
      '/docs/',
      '/livescores',
    ])
      expect(routeKindOf(url)).toBe('other');
  });
});
