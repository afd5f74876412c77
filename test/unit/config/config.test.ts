import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig } from '../../../src/config/config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({
      port: 8000,
      host: '127.0.0.1',
      apiKey: undefined,
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: '/srv/app/var',
      artifactStore: '/srv/app/var/artifacts',
      modelName: 'soccer-match-outcome',
      predictTimeoutMs: 30_000,
      cacheRecheckSeconds: 60,
      inferenceMode: 'queue',
      logLevel: 'info',
      production: false,
      otlpEndpoint: undefined,
      // One trace in ten once an endpoint is set (ADR 0015), not OpenTelemetry's every trace.
      traceSampler: { name: 'parentbased_traceidratio', ratio: 0.1 },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads production settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/matchcast',
      REDIS_URL: 'redis://redis:6379/0',
      ARTIFACT_STORE: 's3://models/prod',
      S3_ENDPOINT: 'http://minio:9000',
      API_KEY: 'a-long-secret',
      INFERENCE_MODE: 'inline',
      PORT: '9000',
    });
    expect(config.production).toBe(true);
    expect(config.artifactStore).toBe('s3://models/prod');
    expect(config.s3.endpoint).toBe('http://minio:9000');
    expect(config.inferenceMode).toBe('inline');
    expect(config.port).toBe(9000);
  });

  it.each([
    ['PORT', 'eighty', /PORT=eighty is not an integer/],
    [
      'PORT',
      '70000',
      /PORT=70000 is invalid: expected HTTP port of the API \(default 8000\), from 1 to 65535$/,
    ],
    ['PREDICT_TIMEOUT_MS', '0', /PREDICT_TIMEOUT_MS=0 is invalid/],
    ['INFERENCE_MODE', 'remote', /INFERENCE_MODE=remote is invalid: expected queue/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL=mysql:\/\/x is invalid: expected postgres/],
    ['REDIS_URL', 'localhost:6379', /REDIS_URL=localhost:6379 is invalid/],
    // ioredis read the database as NaN and crashed the process on its SELECT.
    [
      'REDIS_URL',
      'redis://redis:6379/queue',
      /REDIS_URL=redis:\/\/redis:6379\/queue is invalid: .*db a number/,
    ],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL=loud is invalid/],
    // Another scheme is a typo, not a folder named 'S3:' (it wrote artifacts to ./S3:/bucket).
    [
      'ARTIFACT_STORE',
      'S3://bucket/prod',
      /ARTIFACT_STORE=S3:\/\/bucket\/prod is invalid: expected s3:\/\/bucket/,
    ],
    ['ARTIFACT_STORE', 'ftp://x', /ARTIFACT_STORE=ftp:\/\/x is invalid/],
    // A secret is never repeated (error lines end up in logs); a URL's password is masked.
    [
      'API_KEY',
      'short',
      /^API_KEY \(value hidden\) is invalid: expected .*8 to 254 visible ASCII characters/,
    ],
    ['MONITORING_API_KEY', 'tiny', /^MONITORING_API_KEY \(value hidden\) is invalid/],
    // Accepted before, yet no client could ever send it: header bytes are read one character each.
    ['API_KEY', 'sécret-ключ-key', /^API_KEY \(value hidden\) is invalid: expected .*visible ASCII/],
    ['MONITORING_API_KEY', 'with a space', /^MONITORING_API_KEY \(value hidden\) is invalid/],
    ['DATABASE_URL', 'mysql://app:s3cret@db/x', /^DATABASE_URL=mysql:\/\/app:\*\*\*@db\/x is invalid/],
    ['TRUST_PROXY', 'yes please', /TRUST_PROXY=yes please is invalid: expected whose X-Forwarded-For/],
    ['TRUST_PROXY', '10.0.0.0/8;rm', /TRUST_PROXY=10.0.0.0\/8;rm is invalid/],
  ])('rejects %s=%s with one line naming the variable', (name, value, message) => {
    const attempt = () => loadConfig({ [name]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).variable).toBe(name);
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it.each([
    [undefined, false],
    ['false', false],
    ['true', true],
    ['10.0.0.0/8, 127.0.0.1', '10.0.0.0/8,127.0.0.1'],
    ['uniquelocal,fd00::/8', 'uniquelocal,fd00::/8'],
  ])('reads TRUST_PROXY=%s as trustProxy %s', (value, trustProxy) => {
    expect(loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).security.trustProxy).toBe(
      trustProxy,
    );
  });

  it('documents every variable it reads', () => {
    for (const [name, schema] of Object.entries(EnvSchema.properties)) {
      expect((schema as { description?: string }).description, name).toBeTruthy();
    }
  });
});
