/**
 * deploy/compose.yaml read as compose reads it (YAML merge keys included): what a reviewer checks before
 * running it in production, without a Docker engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/config.ts';
import { unknownSettings } from './settings.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const text = readFileSync(join(ROOT, 'deploy/compose.yaml'), 'utf8');
/** The first object of a deploy/k8s/base file: a Deployment, as far as this test reads it. */
interface PodOwner {
  readonly spec: {
    readonly template: {
      readonly spec: {
        readonly terminationGracePeriodSeconds: number;
        readonly containers: { readonly lifecycle?: { preStop?: { exec?: { command?: string[] } } } }[];
      };
    };
  };
}
const k8sDeployment = (file: string) =>
  parseAllDocuments(readFileSync(join(ROOT, 'deploy/k8s/base', file), 'utf8'))[0]?.toJS() as PodOwner;

interface Service {
  readonly image?: string;
  readonly build?: object;
  readonly command?: string[];
  readonly entrypoint?: string[];
  readonly restart?: string;
  readonly environment?: Record<string, string>;
  readonly healthcheck?: { readonly test?: string[]; readonly disable?: boolean };
  readonly depends_on?: Record<string, { condition: string }> | string[];
  readonly volumes?: string[];
  readonly stop_grace_period?: string;
}
const compose = parse(text, { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
const ONE_SHOT = ['migrate', 'minio-bucket'];
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** NAME=value lines of deploy/.env.example. */
const example = new Map(
  readFileSync(join(ROOT, 'deploy/.env.example'), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z0-9_]+=/.test(line))
    .map((line) => line.split('=', 2) as [string, string]),
);

describe('deploy/compose.yaml', () => {
  it('pins every image to a version; Matchcast to the package version', () => {
    for (const [name, service] of services) {
      expect(service.image, name).toMatch(/^[a-z0-9/._-]+:[A-Za-z0-9._-]*\d[A-Za-z0-9._-]*$/);
      expect(service.image, name).not.toMatch(/:latest$/);
      if (service.build) expect(service.image).toBe(`matchcast:${version}`);
    }
  });

  it('gives every long-running service a healthcheck, and the one-shots none that could hold them', () => {
    for (const [name, service] of services) {
      if (ONE_SHOT.includes(name)) {
        expect(service.restart, name).toBe('no');
        expect(service.healthcheck === undefined || service.healthcheck.disable === true, name).toBe(true);
      } else {
        expect(service.healthcheck?.test?.[0], name).toBe('CMD');
        expect(service.restart, name).toBe('unless-stopped');
      }
    }
  });

  it('starts each service on conditions: healthy dependencies, finished one-shots', () => {
    for (const [name, service] of services) {
      if (service.depends_on === undefined) continue;
      expect(Array.isArray(service.depends_on), `${name} depends_on without conditions`).toBe(false);
      for (const [dependency, { condition }] of Object.entries(service.depends_on)) {
        const target = compose.services[dependency];
        expect(target, `${name} → ${dependency}`).toBeDefined();
        if (ONE_SHOT.includes(dependency)) expect(condition).toBe('service_completed_successfully');
        else {
          expect(condition, `${name} → ${dependency}`).toBe('service_healthy');
          expect(target?.healthcheck?.test).toBeDefined();
        }
      }
    }
    for (const role of ['api', 'worker', 'scheduler'])
      expect(compose.services[role]?.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        'minio-bucket': { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
  });

  it('runs the migration as a one-shot of the same image', () => {
    const migrate = compose.services.migrate;
    expect(migrate?.command).toEqual(['migrate']);
    expect(migrate?.image).toBe(compose.services.api?.image);
    expect(migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('creates the artifact bucket the processes write to', () => {
    const bucket = /^s3:\/\/([^/]+)/.exec(compose.services.api?.environment?.ARTIFACT_STORE ?? '')?.[1];
    expect(bucket).toBeDefined();
    expect(compose.services['minio-bucket']?.entrypoint?.join(' ')).toContain(
      `mc mb --ignore-existing store/${bucket}`,
    );
  });

  it('keeps Redis on an append-only file, so queued tasks survive a restart', () => {
    const command = compose.services.redis?.command ?? [];
    expect(command[command.indexOf('--appendonly') + 1]).toBe('yes');
    expect(compose.services.redis?.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
  });

  it('takes every secret from deploy/.env, with no default, each listed empty in .env.example', () => {
    const secretLike = /PASSWORD|SECRET|_KEY|DATABASE_URL|REDIS_URL|REDISCLI_AUTH/;
    for (const [name, service] of services)
      for (const [key, value] of Object.entries(service.environment ?? {}))
        if (secretLike.test(key)) expect(value, `${name} ${key}`).toMatch(/\$\{[A-Z0-9_]+:\?[^}]+\}/);
    const required = new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map(([, name]) => name));
    expect(required.size).toBeGreaterThan(5);
    for (const name of required) expect(example.get(name ?? ''), `${name} in .env.example`).toBe('');
    expect(text).not.toMatch(/\$\{[A-Z0-9_]*(PASSWORD|SECRET|KEY)[A-Z0-9_]*:-/);
  });

  it('gives the Matchcast services only settings they know, each valid once deploy/.env is filled in', () => {
    // What compose substitutes: a value for each required variable, the default of each optional one.
    const filledIn = (value: string) =>
      value
        .replace(/\$\{[A-Z0-9_]+:\?[^}]*\}/g, 'filled-in-secret')
        .replace(/\$\{[A-Z0-9_]+:-([^}]*)\}/g, '$1');
    const matchcast = services.filter(([, service]) => service.image === `matchcast:${version}`);
    expect(matchcast.length).toBeGreaterThanOrEqual(4);
    for (const [name, service] of matchcast) {
      const env = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([key, value]) => [key, filledIn(String(value))]),
      );
      expect(unknownSettings(env), name).toEqual([]);
      const config = loadConfig(env);
      expect(config.traceSampler, name).toEqual({ name: 'parentbased_traceidratio', ratio: 0.1 });
      expect(config.otlpEndpoint, `${name}: tracing off until deploy/.env sets an endpoint`).toBeUndefined();
    }
  });

  it('gives each role as long to stop as its Kubernetes pod (less the API’s preStop pause)', () => {
    const seconds = (value: string | undefined) => Number(/^(\d+)s$/.exec(value ?? '')?.[1]);
    for (const role of ['api', 'worker', 'scheduler']) {
      const spec = k8sDeployment(`${role}.yaml`).spec.template.spec;
      const preStop = spec.containers[0]?.lifecycle?.preStop?.exec?.command ?? [];
      const pause = preStop[0] === '/bin/sleep' ? Number(preStop[1]) : 0;
      expect(seconds(compose.services[role]?.stop_grace_period), role).toBe(
        spec.terminationGracePeriodSeconds - pause,
      );
    }
    // The API drains a live prediction for up to PREDICT_TIMEOUT_MS (30 s) before it exits.
    expect(seconds(compose.services.api?.stop_grace_period)).toBeGreaterThan(30);
  });

  it('mounts the import folder where the scheduler re-reads it, as docs/operations.md imports it', () => {
    const importMount = /^\$\{MATCHCAST_IMPORT_DIR:-[^}]+\}:\/import:ro$/;
    expect(compose.services.scheduler?.volumes?.some((v) => importMount.test(v))).toBe(true);
    const docs = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
    expect(docs).toContain(
      'docker compose -f deploy/compose.yaml run --rm scheduler pipeline run --data /import',
    );
  });

  it('mounts the shipped Prometheus and Grafana files', () => {
    expect(compose.services.prometheus?.volumes).toContain('./prometheus:/etc/prometheus:ro');
    expect(compose.services.grafana?.volumes).toEqual(
      expect.arrayContaining([
        './grafana/provisioning:/etc/grafana/provisioning:ro',
        './grafana/dashboards:/var/lib/grafana/dashboards:ro',
      ]),
    );
    expect(compose.services.grafana?.environment?.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
  });
});
