/**
 * The Kubernetes manifests as CI can prove them without a cluster: each overlay rendered by `kubectl
 * kustomize`, every object validated against its schema (kubernetes-models; the KEDA and Prometheus Operator
 * models for their CRDs), then the properties a platform team checks in review. The KEDA trigger's list name
 * is checked against real BullMQ in Redis.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { API_PREFIX } from '../../src/api/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { METRIC_NAMES } from '../../src/config/metric-names.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import { DEFAULT_PREFIX } from '../../src/queue/queue-keys.ts';
import { QUEUE_NAME } from '../../src/queue/tasks.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { predictData } from '../support/registry-fixture.ts';
import { REDIS_URL, redisAvailable, uniqueName } from '../support/services.ts';
import { requireTool } from '../support/tools.ts';
import {
  allContainersOf,
  byKind,
  containersOf,
  type K8sObject,
  matches,
  podSpecOf,
  podTemplateOf,
  validateObject,
} from './k8s-objects.ts';
import { unknownSettings } from './settings.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const kubectl = requireTool('kubectl');
const OVERLAYS = [
  { overlay: 'production', namespace: 'matchcast' },
  { overlay: 'dev', namespace: 'matchcast-dev' },
] as const;
const ROLES = ['api', 'worker', 'scheduler'] as const;
/** What docs/operations.md puts in the Secret `matchcast-secrets`, with made-up values. */
const SECRETS = {
  DATABASE_URL: 'postgres://matchcast:secret@db.internal:5432/matchcast',
  REDIS_URL: 'redis://:secret@redis.internal:6379',
  AWS_ACCESS_KEY_ID: 'access',
  AWS_SECRET_ACCESS_KEY: 'secret',
  API_KEY: 'an-api-key-of-some-length',
  MONITORING_API_KEY: 'a-monitoring-key-of-some-length',
};

function render(overlay: string): K8sObject[] {
  const text = execFileSync(kubectl ?? 'kubectl', ['kustomize', `deploy/k8s/overlays/${overlay}`], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject);
}

describe.skipIf(!kubectl).each(OVERLAYS)('deploy/k8s/overlays/$overlay', ({ overlay, namespace }) => {
  const objects = kubectl ? render(overlay) : [];
  const kinds = byKind(objects);
  const deployment = (role: string) =>
    kinds('Deployment').find((d) => d.metadata.name === `matchcast-${role}`);

  it('validates every object against its Kubernetes or CRD schema', async () => {
    expect(objects.length).toBeGreaterThan(15);
    for (const object of objects) await validateObject(object);
  });

  it('puts every namespaced object in the overlay namespace', () => {
    for (const object of objects) expect(object.metadata.namespace, object.metadata.name).toBe(namespace);
  });

  const podOwners = () => [...kinds('Deployment'), ...kinds('Job'), ...kinds('CronJob')];

  it('runs every container non-root, read-only, without privileges, with requests and limits', () => {
    const pods = podOwners();
    expect(pods).toHaveLength(4);
    for (const owner of pods) {
      const spec = podSpecOf(owner);
      expect(spec.securityContext?.runAsNonRoot, owner.metadata.name).toBe(true);
      expect(spec.automountServiceAccountToken).toBe(false);
      const emptyDirs = new Set((spec.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
      for (const c of allContainersOf(owner)) {
        expect(c.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        for (const kind of ['requests', 'limits'] as const)
          expect(Object.keys(c.resources?.[kind] ?? {}).sort(), `${c.name} ${kind}`).toEqual([
            'cpu',
            'memory',
          ]);
        const tmp = c.volumeMounts?.find((m) => m.mountPath === '/tmp');
        expect(tmp && emptyDirs.has(tmp.name), `${c.name} writes /tmp to an emptyDir`).toBe(true);
      }
    }
  });

  it('probes each role: startup, liveness on /livez, readiness on /readyz, on a declared port', () => {
    const config = kinds('ConfigMap')[0]?.data ?? {};
    for (const role of ROLES) {
      const [c] = containersOf(deployment(role));
      expect(c, role).toBeDefined();
      const ports = new Map((c?.ports ?? []).map((p) => [p.name, p.containerPort]));
      for (const probe of [c?.startupProbe, c?.livenessProbe, c?.readinessProbe]) {
        expect(probe?.httpGet?.path, role).toMatch(/^\/(livez|readyz)$/);
        expect(ports.has(String(probe?.httpGet?.port)), role).toBe(true);
      }
      expect(c?.livenessProbe?.httpGet?.path).toBe('/livez');
      expect(c?.readinessProbe?.httpGet?.path).toBe('/readyz');
      const port = ports.get(String(c?.readinessProbe?.httpGet?.port));
      expect(String(port)).toBe(role === 'api' ? config.PORT : config.METRICS_PORT);
    }
  });

  it('leaves the replica count to the autoscaler that owns it; one scheduler', () => {
    const hpa = kinds('HorizontalPodAutoscaler');
    const scaled = kinds('ScaledObject');
    const owned = [...hpa, ...scaled].map((a) => a.spec?.scaleTargetRef?.name);
    expect(owned.sort()).toEqual(['matchcast-api', 'matchcast-worker']);
    for (const name of owned)
      expect(deployment(String(name).slice('matchcast-'.length))?.spec?.replicas).toBeUndefined();
    expect(deployment('scheduler')?.spec?.replicas).toBe(1);
    const cpu = hpa[0]?.spec?.metrics?.find((m) => m.resource?.name === 'cpu');
    expect(cpu?.resource?.target?.averageUtilization).toBeGreaterThan(0);
    // A new API pod's start-up work (cards, track records) must not read as load that asks for more pods.
    expect(hpa[0]?.spec?.behavior?.scaleUp?.stabilizationWindowSeconds).toBeGreaterThanOrEqual(60);
    if (overlay === 'production')
      expect(
        hpa[0]?.spec?.metrics?.some((m) => m.pods?.metric?.name === 'matchcast_http_requests_per_second'),
      ).toBe(true);
  });

  it('scales workers on the BullMQ wait list of the ml queue, authenticated from the app Secret', () => {
    const [scaled] = kinds('ScaledObject');
    const [trigger] = scaled?.spec?.triggers ?? [];
    expect(trigger).toMatchObject({
      type: 'redis',
      metadata: { listName: `${DEFAULT_PREFIX}:${QUEUE_NAME}:wait` },
      authenticationRef: { name: 'matchcast-redis' },
    });
    expect(Number(trigger?.metadata?.listLength)).toBeGreaterThan(0);
    expect(scaled?.spec?.minReplicaCount).toBeGreaterThanOrEqual(1);
    const [auth] = kinds('TriggerAuthentication');
    expect(auth?.metadata.name).toBe('matchcast-redis');
    for (const ref of auth?.spec?.secretTargetRef ?? []) expect(ref.name).toBe('matchcast-secrets');
  });

  it('reads settings from the generated ConfigMap and secrets from matchcast-secrets', () => {
    const configMaps = new Set(kinds('ConfigMap').map((c) => c.metadata.name));
    for (const owner of podOwners())
      for (const c of allContainersOf(owner)) {
        expect(c.envFrom?.map((e) => e.configMapRef?.name ?? e.secretRef?.name)).toEqual([
          expect.stringMatching(/^matchcast-config-/),
          'matchcast-secrets',
        ]);
        const configRef = c.envFrom?.[0]?.configMapRef?.name;
        expect(configMaps.has(String(configRef))).toBe(true);
      }
  });

  it('sets only settings the processes know, each valid, and samples one trace in ten', () => {
    const data = kinds('ConfigMap')[0]?.data ?? {};
    expect(unknownSettings(data)).toEqual([]);
    const config = loadConfig({ ...data, ...SECRETS });
    expect(config.traceSampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.1 });
    expect(config.otlpEndpoint).toBeUndefined();
  });

  it('migrates in the scheduler pod before it starts, with no Job an apply could collide with', () => {
    // A Job's pod template is immutable: a fixed name breaks the next apply that changes it (a setting, the
    // image), a name made of the tag is too long for a digest and invalid for a registry with a port.
    expect(kinds('Job')).toEqual([]);
    const image = containersOf(deployment('api'))[0]?.image ?? '';
    const init = podSpecOf(deployment('scheduler')).initContainers ?? [];
    expect(init).toHaveLength(1);
    expect(init[0]).toMatchObject({ name: 'migrate', image, args: ['migrate'] });
    for (const role of ['api', 'worker']) expect(podSpecOf(deployment(role)).initContainers).toBeUndefined();
  });

  it('keeps a suspended CronJob of the release as the template of a one-off data sync', () => {
    const [cronJob] = kinds('CronJob');
    expect(cronJob?.metadata.name).toBe('matchcast-sync');
    expect(cronJob?.spec?.suspend).toBe(true);
    const image = containersOf(deployment('api'))[0]?.image ?? '';
    expect(containersOf(cronJob)).toMatchObject([{ image, args: ['sync'] }]);
    expect(podSpecOf(cronJob).restartPolicy).toBe('Never');
  });

  it('lets the API pod serve while its endpoint is removed, then drain a live prediction, before SIGKILL', () => {
    const spec = podSpecOf(deployment('api'));
    const [command, seconds] = spec.containers[0]?.lifecycle?.preStop?.exec?.command ?? [];
    expect(command).toBe('/bin/sleep');
    const { predictTimeoutMs } = loadConfig({ ...(kinds('ConfigMap')[0]?.data ?? {}), ...SECRETS });
    expect(spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(
      Number(seconds) + predictTimeoutMs / 1000 + 5,
    );
    // No Service routes requests to workers or the scheduler: nothing to wait for.
    for (const role of ['worker', 'scheduler'])
      expect(containersOf(deployment(role))[0]?.lifecycle, role).toBeUndefined();
  });

  it('keeps /metrics (and its /v1 copy) off the public Ingress: routed to a Service with no pods', () => {
    const [ingress] = kinds('Ingress');
    const paths = ingress?.spec?.rules?.flatMap((r) => r.http?.paths ?? []) ?? [];
    expect(paths.find((p) => p.path === '/')?.backend?.service?.name).toBe('matchcast-api');
    const podLabels = podOwners().map((o) => podTemplateOf(o)?.metadata?.labels ?? {});
    for (const path of ['/metrics', `${API_PREFIX}/metrics`]) {
      const rule = paths.find((p) => p.path === path);
      expect(rule?.pathType, path).toBe('Prefix');
      const service = kinds('Service').find((s) => s.metadata.name === rule?.backend?.service?.name);
      expect(service?.metadata.name, path).toBe('matchcast-no-route');
      const selector = service?.spec?.selector ?? {};
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      expect(podLabels.some((labels) => matches(selector, labels))).toBe(false);
    }
  });

  it('connects Service, Ingress, PodDisruptionBudgets, ServiceMonitors and NetworkPolicies to real pods', () => {
    const services = kinds('Service');
    const podLabels = kinds('Deployment').map((d) => d.spec?.template?.metadata?.labels ?? {});
    const [ingress] = kinds('Ingress');
    const backend = ingress?.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service;
    const api = services.find((s) => s.metadata.name === backend?.name);
    expect(api?.spec?.ports?.some((p) => p.name === backend?.port?.name)).toBe(true);
    for (const service of services.filter((s) => s.metadata.name !== 'matchcast-no-route'))
      expect(podLabels.some((labels) => matches(service.spec?.selector ?? {}, labels))).toBe(true);
    expect(
      kinds('PodDisruptionBudget')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['matchcast-api', 'matchcast-worker']);
    for (const pdb of kinds('PodDisruptionBudget'))
      expect(podLabels.some((labels) => matches(pdb.spec?.selector?.matchLabels ?? {}, labels))).toBe(true);
    const monitors = kinds('ServiceMonitor');
    expect(monitors).toHaveLength(3);
    for (const monitor of monitors) {
      const target = services.find((s) =>
        matches(monitor.spec?.selector?.matchLabels ?? {}, s.metadata.labels ?? {}),
      );
      const portNames = (target?.spec?.ports ?? []).map((p) => p.name);
      for (const endpoint of monitor.spec?.endpoints ?? []) expect(portNames).toContain(endpoint.port);
    }
    const policies = kinds('NetworkPolicy');
    for (const owner of podOwners()) {
      const labels = podTemplateOf(owner)?.metadata?.labels ?? {};
      expect(
        policies.some((p) =>
          matches(p.spec?.podSelector?.matchLabels ?? {}, labels, p.spec?.podSelector?.matchExpressions),
        ),
      ).toBe(true);
    }
  });
});

describe.skipIf(!redisAvailable)('the KEDA trigger list', () => {
  it('is where BullMQ keeps waiting predictions', async () => {
    const prefix = uniqueName('mck8s');
    const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
    const redis = new Redis(REDIS_URL);
    try {
      await queue.enqueue('predict_match', predictData(1));
      await queue.enqueue('predict_match', predictData(2));
      expect(await redis.llen(`${prefix}:${QUEUE_NAME}:wait`)).toBe(2);
    } finally {
      await queue.close();
      redis.disconnect();
      await deleteRedisPrefix(REDIS_URL, prefix);
    }
  });
});

describe('the prometheus-adapter rule of the production overlay', () => {
  interface AdapterRule {
    readonly seriesQuery: string;
    readonly resources?: { readonly overrides?: Record<string, { readonly resource: string }> };
    readonly name: { readonly matches: string; readonly as: string };
    readonly metricsQuery: string;
  }
  const read = (file: string) => parse(readFileSync(`${ROOT}deploy/k8s/overlays/production/${file}`, 'utf8'));

  it("gives the API HPA its requests per second, per pod, from the API's request counter", () => {
    const [rule, ...others] = (read('prometheus-adapter-values.yaml') as { rules: { custom: AdapterRule[] } })
      .rules.custom;
    expect(others).toEqual([]);
    const series = /^(\w+)\{/.exec(rule?.seriesQuery ?? '')?.[1] ?? '';
    expect(METRIC_NAMES).toContain(series);
    expect(series).toMatch(new RegExp(rule?.name.matches ?? '^$'));
    // Without these the adapter serves the metric for no object and the HPA's Pods metric never resolves.
    expect(rule?.resources?.overrides).toEqual({
      namespace: { resource: 'namespace' },
      pod: { resource: 'pod' },
    });
    expect(rule?.metricsQuery).toMatch(
      /^sum\(rate\(<<\.Series>>\{<<\.LabelMatchers>>\}\[\w+\]\)\) by \(<<\.GroupBy>>\)$/,
    );
    const hpa = read('api-autoscaling.yaml') as K8sObject;
    const podMetrics = (hpa.spec?.metrics ?? []).flatMap((m) => (m.pods ? [m.pods.metric?.name] : []));
    expect(podMetrics).toEqual([rule?.name.as]);
  });
});
