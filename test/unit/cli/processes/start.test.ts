/** What `npm start` says once serving: a banner on a terminal, one event among JSON log lines. */
import { describe, expect, it } from 'vitest';
import { banner, type Ready, readyEvent } from '../../../../src/cli/processes/start.ts';

const KEY = 'k3y-of-the-demo-0123456789';
const ready: Ready = {
  config: { host: '127.0.0.1', port: 8000, dataDir: '/srv/var' },
  apiKey: { key: KEY, source: 'file' },
  seconds: 27.64,
  source: 'demo',
};

describe('the ready message', () => {
  it('on a terminal: the dashboard link with its key, the docs, the data folder', () => {
    const text = banner(ready);
    expect(text).toContain('Matchcast is ready (27.6 s) on the simulated demo world');
    expect(text).toContain(`Dashboard   http://127.0.0.1:8000/#key=${KEY}`);
    expect(text).toContain('API docs    http://127.0.0.1:8000/docs');
    expect(text).toContain('Data        /srv/var');
  });

  it('in JSON logs: one event with the same facts, naming where the key is instead of the key', () => {
    const { fields, msg } = readyEvent(ready);
    expect(msg).toBe('Matchcast is ready (27.6 s) on the simulated demo world');
    expect(fields).toEqual({
      url: 'http://127.0.0.1:8000/',
      api_docs: 'http://127.0.0.1:8000/docs',
      api_key_in: '/srv/var/api-key',
      listening: 'this machine only (HOST=0.0.0.0 to serve others)',
      data_dir: '/srv/var',
      source: 'demo',
      seconds: 27.6,
    });
    expect(JSON.stringify({ fields, msg })).not.toContain(KEY);
    const fromEnv = readyEvent({ ...ready, apiKey: { key: KEY, source: 'env' }, source: 'football-data' });
    expect(fromEnv.fields).toMatchObject({ api_key_in: 'API_KEY', source: 'football-data' });
    expect(fromEnv.msg).toMatch(/on your data$/);
  });

  it('names a host every machine can use when listening on all interfaces', () => {
    const all = { ...ready, config: { ...ready.config, host: '0.0.0.0' } };
    expect(readyEvent(all).fields).toMatchObject({
      url: 'http://localhost:8000/',
      listening: 'every host that reaches 0.0.0.0',
    });
  });
});
