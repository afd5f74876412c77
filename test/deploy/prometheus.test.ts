/**
 * The monitoring artefacts CI can prove: the shipped Prometheus config and rules pass promtool, every alert
 * has a promtool unit test that makes it fire and a runbook section (docs/runbooks.md), the target rules' job
 * patterns match the jobs compose and the ServiceMonitors scrape, and the rules and the Grafana dashboard only use
 * series the code emits (src/config/metric-names.ts), the dashboard charting every one of them.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { PROMETHEUS_RULE, prometheusRuleText } from '../../deploy/prometheus/prometheus-rule.mjs';
import { METRIC_NAMES, METRIC_PREFIX } from '../../src/config/metric-names.ts';
import { requireTool } from '../support/tools.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PROMETHEUS = join(ROOT, 'deploy', 'prometheus');
const TESTS = join(PROMETHEUS, 'tests');
const promtool = requireTool('promtool');

interface Rule {
  readonly alert?: string;
  readonly record?: string;
  readonly expr: string;
  readonly annotations?: Readonly<Record<string, string>>;
}
const rules = (
  parse(readFileSync(join(PROMETHEUS, 'alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((g) => g.rules);
const testFiles = readdirSync(TESTS).filter((f) => f.endsWith('.test.yml'));

interface Panel {
  readonly type: string;
  readonly title: string;
  readonly datasource?: { uid?: string };
  readonly targets?: { expr: string; datasource?: { uid?: string } }[];
}
const dashboard = JSON.parse(
  readFileSync(join(ROOT, 'deploy/grafana/dashboards/matchcast.json'), 'utf8'),
) as {
  templating: { list: { name: string; type: string; query: string }[] };
  panels: Panel[];
};
const charts = dashboard.panels.filter((p) => p.type !== 'row');

function promtoolRun(args: readonly string[]): string {
  return execFileSync(promtool ?? 'promtool', [...args], {
    cwd: PROMETHEUS,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

describe('the PrometheusRule of the Kubernetes manifests', () => {
  it('is alerts.yml, regenerated: the rules have one home', () => {
    const alertsText = readFileSync(join(PROMETHEUS, 'alerts.yml'), 'utf8');
    const shipped = readFileSync(PROMETHEUS_RULE, 'utf8');
    expect(shipped, 'run `node deploy/prometheus/prometheus-rule.mjs` after editing alerts.yml').toBe(
      prometheusRuleText(alertsText),
    );
    const { spec } = parse(shipped) as { spec: unknown };
    expect(spec).toEqual({ groups: (parse(alertsText) as { groups: unknown }).groups });
  });
});

describe.skipIf(!promtool)('promtool', () => {
  it('accepts the shipped configuration', () => {
    expect(promtoolRun(['check', 'config', 'prometheus.yml'])).toMatch(/SUCCESS: prometheus.yml is valid/);
  });

  it('accepts the rules', () => {
    expect(promtoolRun(['check', 'rules', 'alerts.yml'])).toMatch(`SUCCESS: ${rules.length} rules found`);
  });

  it('passes every rule unit test', () => {
    expect(testFiles.length).toBeGreaterThan(0);
    const output = promtoolRun(['test', 'rules', ...testFiles.map((f) => join('tests', f))]);
    expect(output.match(/SUCCESS/g)).toHaveLength(testFiles.length);
  });
});

describe('alert rules', () => {
  it('has a unit test that makes each alert fire', () => {
    interface AlertTest {
      readonly alertname: string;
      readonly exp_alerts?: unknown[];
    }
    const fired = new Set(
      testFiles.flatMap((file) =>
        (
          parse(readFileSync(join(TESTS, file), 'utf8')) as { tests: { alert_rule_test?: AlertTest[] }[] }
        ).tests
          .flatMap((t) => t.alert_rule_test ?? [])
          .filter((t) => (t.exp_alerts ?? []).length > 0)
          .map((t) => t.alertname),
      ),
    );
    const alerts = rules.flatMap((r) => (r.alert ? [r.alert] : []));
    expect(alerts).toEqual(
      expect.arrayContaining([
        'MatchcastApi5xxRatio',
        'MatchcastLatencySloFastBurn',
        'MatchcastLatencySloSlowBurn',
        'MatchcastQueueBacklogAge',
        'MatchcastPipelineQueueBacklogAge',
        'MatchcastNoLiveWorker',
        'MatchcastQueueUnreachable',
        'MatchcastPipelineStale',
        'MatchcastProviderSourceStale',
        'MatchcastFeatureDriftHigh',
        'MatchcastModelDegraded',
        'MatchcastApiDown',
        'MatchcastSchedulerDown',
      ]),
    );
    for (const alert of alerts)
      expect(fired, `${alert} never fires in deploy/prometheus/tests`).toContain(alert);
  });

  it('links each alert to its own section of docs/runbooks.md', () => {
    const runbooks = readFileSync(join(ROOT, 'docs/runbooks.md'), 'utf8');
    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const anchors = new Set(
      [...runbooks.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
        (heading as string)
          .trim()
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const rule of rules.filter((r) => r.alert)) {
      const url = rule.annotations?.runbook_url;
      expect(url, `${rule.alert} has no runbook_url`).toBe(`docs/runbooks.md#${rule.alert?.toLowerCase()}`);
      expect(anchors, `${rule.alert}: no section ${url}`).toContain(url?.split('#')[1]);
    }
  });
});

describe('docs', () => {
  it('observability.md lists every series, operations.md every alert with its runbook', () => {
    const observability = readFileSync(join(ROOT, 'docs/observability.md'), 'utf8');
    expect(METRIC_NAMES.filter((name) => !observability.includes(`| \`${name}\``))).toEqual([]);
    const operations = readFileSync(join(ROOT, 'docs/operations.md'), 'utf8');
    const alerts = rules.flatMap((r) => (r.alert ? [r.alert] : []));
    expect(
      alerts.filter((alert) => !operations.includes(`| [\`${alert}\`](runbooks.md#${alert.toLowerCase()})`)),
    ).toEqual([]);
  });
});

describe('target rules', () => {
  type Role = 'api' | 'scheduler';
  /** The `job=~"…"` pattern of each rule that watches a role's targets, anchored as PromQL anchors it. */
  const patterns = new Map<Role, RegExp>(
    (
      [
        ['api', 'MatchcastApiDown'],
        ['scheduler', 'MatchcastSchedulerDown'],
      ] as const
    ).map(([role, alert]) => {
      const expr = rules.find((r) => r.alert === alert)?.expr ?? '';
      const pattern = /up\{job=~"([^"]+)"\}/.exec(expr)?.[1];
      expect(pattern, `${alert} selects up{job=~"…"}`).toBeDefined();
      return [role, new RegExp(`^(?:${pattern})$`)];
    }),
  );

  /** Compose: prometheus.yml's job names. */
  const composeJobs = (
    parse(readFileSync(join(PROMETHEUS, 'prometheus.yml'), 'utf8')) as {
      scrape_configs: { job_name: string }[];
    }
  ).scrape_configs.map((c) => c.job_name);

  /** Kubernetes: the Prometheus Operator names a ServiceMonitor's job after the Service it selects. */
  interface K8sObject {
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly labels?: Record<string, string> };
    readonly spec?: {
      readonly selector?: { readonly matchLabels?: Record<string, string> };
      jobLabel?: string;
    };
  }
  const base = join(ROOT, 'deploy/k8s/base');
  const objects = readdirSync(base)
    .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .flatMap((f) => parseAllDocuments(readFileSync(join(base, f), 'utf8')).map((d) => d.toJS() as K8sObject));
  const services = objects.filter((o) => o.kind === 'Service');
  const k8sJobs = objects
    .filter((o) => o.kind === 'ServiceMonitor')
    .map((monitor) => {
      expect(monitor.spec?.jobLabel, `${monitor.metadata.name} sets no jobLabel`).toBeUndefined();
      const wanted = Object.entries(monitor.spec?.selector?.matchLabels ?? {});
      const selected = services.filter((svc) =>
        wanted.every(([key, value]) => svc.metadata.labels?.[key] === value),
      );
      expect(selected, `${monitor.metadata.name} selects one Service`).toHaveLength(1);
      return {
        component: monitor.metadata.labels?.['app.kubernetes.io/component'],
        job: selected[0]?.metadata.name,
      };
    });

  it.each(['api', 'scheduler'] as const)(
    'match the %s jobs of compose and Kubernetes, and no other',
    (role) => {
      const pattern = patterns.get(role) as RegExp;
      const composeJob = `matchcast-${role}`;
      expect(composeJobs).toContain(composeJob);
      const k8sJob = k8sJobs.find((j) => j.component === role)?.job;
      expect(k8sJob).toBeDefined();
      for (const job of [composeJob, k8sJob as string, `prod-${k8sJob}`]) expect(job).toMatch(pattern);
      const others = [...composeJobs, ...k8sJobs.map((j) => j.job as string)].filter(
        (job) => job !== composeJob && job !== k8sJob,
      );
      for (const job of others) expect(job).not.toMatch(pattern);
    },
  );
});

describe('series names', () => {
  const known = new Set<string>(METRIC_NAMES);
  const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
  /** Our series in a PromQL expression, histogram suffixes removed (label values, quoted, are not series). */
  const seriesIn = (expr: string) =>
    [...expr.replace(/"[^"]*"/g, '""').matchAll(/\bmatchcast[a-z0-9_:]*/g)].map(([name]) =>
      name.replace(/_(bucket|sum|count)$/, ''),
    );
  // prom-client's default process metrics (METRICS.md: same names, our prefix).
  const processDefault = (name: string) => /^matchcast_(process|nodejs)_/.test(name);
  const unknown = (exprs: readonly string[]) =>
    exprs.flatMap(seriesIn).filter((n) => !known.has(n) && !recorded.has(n) && !processDefault(n));

  it('lists each series once, every one with the agreed prefix', () => {
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_NAMES.length);
    for (const name of METRIC_NAMES) expect(name.startsWith(METRIC_PREFIX)).toBe(true);
  });

  it('alert and recording rules use only listed series', () => {
    expect(unknown(rules.map((r) => r.expr))).toEqual([]);
  });

  it('the dashboard uses only listed series and charts every one of them', () => {
    const exprs = charts.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(unknown(exprs)).toEqual([]);
    const charted = new Set(exprs.flatMap(seriesIn));
    expect(METRIC_NAMES.filter((name) => !charted.has(name))).toEqual([]);
  });
});

// Grafana's own variable syntax, not a JavaScript template.
const DATASOURCE_VARIABLE = ['$', '{datasource}'].join('');

describe('Grafana dashboard', () => {
  it('asks for its Prometheus through a datasource variable instead of a fixed name', () => {
    expect(dashboard.templating.list).toContainEqual(
      expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }),
    );
    for (const panel of charts) {
      expect(panel.datasource?.uid, panel.title).toBe(DATASOURCE_VARIABLE);
      for (const target of panel.targets ?? [])
        expect(target.datasource?.uid, panel.title).toBe(DATASOURCE_VARIABLE);
    }
  });
});
