/** The API's stage → version catalog through a registry outage: the last answer keeps serving, logged once. */
import { describe, expect, it } from 'vitest';
import { createModelCatalog } from '../../../src/api/services/model-catalog.ts';
import type { ModelVersion } from '../../../src/registry/model-registry.ts';

const version = { name: 'm', version: 3 } as ModelVersion;

describe('model catalog', () => {
  it('answers with the last known version while the registry is down, and asks again each TTL', async () => {
    let down = false;
    let asked = 0;
    const outages: unknown[] = [];
    const catalog = createModelCatalog(
      {
        resolve: async () => {
          asked++;
          if (down) throw new Error('connection refused');
          return version;
        },
        history: async () => [],
        getVersion: async () => version,
      },
      'm',
      { ttlMs: 0, onRegistryUnreachable: (error) => outages.push(error) },
    );
    expect(await catalog.resolve('champion')).toBe(version);
    down = true;
    expect(await catalog.resolve('champion')).toBe(version);
    expect(await catalog.resolve('champion')).toBe(version);
    expect(asked).toBe(3);
    expect(outages).toHaveLength(1);
    await expect(catalog.resolve('challenger')).rejects.toThrow(/connection refused/);
    down = false;
    expect(await catalog.resolve('champion')).toBe(version);
  });

  it('serves the last answer after a short wait while the registry is slow, and the new one once it comes', async () => {
    const v4 = { name: 'm', version: 4 } as ModelVersion;
    let answer = version;
    let delayMs = 0;
    const catalog = createModelCatalog(
      {
        resolve: async () => {
          const now = answer;
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          return now;
        },
        history: async () => [],
        getVersion: async () => null,
      },
      'm',
      { ttlMs: 0, slowMs: 50 },
    );
    expect(await catalog.resolve('champion')).toBe(version);
    // The alias moves while the registry takes 400 ms to answer: the known answer serves after 50 ms…
    answer = v4;
    delayMs = 400;
    const started = performance.now();
    expect(await catalog.resolve('champion')).toBe(version);
    expect(performance.now() - started).toBeLessThan(300);
    // …and the move is seen once that answer has come, even while the registry stays slow.
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await catalog.resolve('champion')).toBe(v4);
  });
});
