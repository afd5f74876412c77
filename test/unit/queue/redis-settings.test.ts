import { describe, expect, it } from 'vitest';
import { redisSettingProblems } from '../../../src/queue/redis-connection.ts';

describe('what a Redis holding the queue must be set to', () => {
  it('says nothing when AOF is on and nothing is evicted', () => {
    expect(redisSettingProblems({ appendonly: 'yes', 'maxmemory-policy': 'noeviction' })).toEqual([]);
  });

  it('warns of lost tasks without AOF and of evicted ones under another memory policy', () => {
    const problems = redisSettingProblems({ appendonly: 'no', 'maxmemory-policy': 'volatile-lru' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/without AOF \(appendonly no\): queued tasks are lost if it restarts/);
    expect(problems[1]).toMatch(/maxmemory-policy volatile-lru.*set noeviction/);
  });

  it('asks to check both when the server refuses CONFIG, as managed services often do', () => {
    expect(redisSettingProblems(null)).toEqual([
      expect.stringMatching(/CONFIG refused.*appendonly yes.*noeviction/),
    ]);
  });
});
