/**
 * Writes deploy/k8s/base/prometheus-rule.yaml: alerts.yml as the Prometheus Operator loads it (a PrometheusRule,
 * the same groups under `spec:`, comments kept). The rules have one home, alerts.yml: edit it, then run
 * `node deploy/prometheus/prometheus-rule.mjs`; test/deploy/prometheus.test.ts fails while the two differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document, parseDocument } from 'yaml';

const ALERTS = fileURLToPath(new URL('alerts.yml', import.meta.url));
export const PROMETHEUS_RULE = fileURLToPath(new URL('../k8s/base/prometheus-rule.yaml', import.meta.url));

const HEADER = ` Generated from deploy/prometheus/alerts.yml by \`node deploy/prometheus/prometheus-rule.mjs\`: edit that
 file, not this one. Your Prometheus's ruleSelector picks rules by label (kube-prometheus-stack's default is
 release: <its release name>): add that label in your overlay, as for the ServiceMonitors.`;

/** The PrometheusRule's text for the rules file `alertsText`. */
export function prometheusRuleText(alertsText) {
  const alerts = parseDocument(alertsText);
  const rule = new Document({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'matchcast', labels: { 'app.kubernetes.io/component': 'monitoring' } },
    spec: {},
  });
  rule.setIn(['spec', 'groups'], alerts.get('groups', true));
  rule.commentBefore = HEADER;
  return rule.toString({ lineWidth: 0 });
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  writeFileSync(PROMETHEUS_RULE, prometheusRuleText(readFileSync(ALERTS, 'utf8')));
