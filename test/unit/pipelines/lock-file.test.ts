import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  EMPTY_LOCK,
  hashValue,
  parseLockFile,
  type StageLock,
  staleReason,
} from '../../../src/pipelines/run/lock-file.ts';

const lock: StageLock = {
  inputs_hash: 'i',
  params_hash: 'p',
  inputs: {},
  outputs: { 'a.parquet': 'e1' },
  run_id: 'r',
  completed_at: '2025-01-01T00:00:00.000Z',
  duration_ms: 1,
};

describe('lock file', () => {
  it('hashes values independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(hashValue({ a: 1 })).not.toBe(hashValue({ a: 2 }));
  });

  it('reads a missing or corrupt lock as empty', () => {
    expect(parseLockFile(null)).toEqual(EMPTY_LOCK);
    expect(parseLockFile('{not json')).toEqual(EMPTY_LOCK);
    expect(parseLockFile('{"version":2}')).toEqual(EMPTY_LOCK);
    expect(parseLockFile(JSON.stringify({ version: 1, stages: { train: lock } })).stages.train).toEqual(lock);
  });

  it('says why a stage must run, or null to skip it', () => {
    const outputs = { 'a.parquet': 'e1' };
    expect(staleReason(lock, 'i', 'p', outputs, false)).toBeNull();
    expect(staleReason(lock, 'i', 'p', outputs, true)).toBe('forced');
    expect(staleReason(undefined, 'i', 'p', outputs, false)).toBe('never ran');
    expect(staleReason(lock, 'i2', 'p', outputs, false)).toBe('inputs changed');
    expect(staleReason(lock, 'i', 'p2', outputs, false)).toBe('params changed');
    expect(staleReason(lock, 'i', 'p', { 'a.parquet': 'e2' }, false)).toBe('outputs changed');
    expect(staleReason(lock, 'i', 'p', { 'a.parquet': null }, false)).toBe('outputs changed');
  });
});
