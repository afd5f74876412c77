/** Where the generated PrometheusRule is written. */
export declare const PROMETHEUS_RULE: string;
/** The PrometheusRule's text for the rules file `alertsText`. */
export declare function prometheusRuleText(alertsText: string): string;
