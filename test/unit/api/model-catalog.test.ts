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
});
