/**
 * /metrics under `matchcast api --workers N`: a scrape lands on one process, but must report all of them. The
 * process that got the scrape asks the primary over the cluster IPC channel; the primary collects every
 * process's registry (prom-client's AggregatorRegistry) and sends back the merged text.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const MESSAGE = 'matchcast:cluster-metrics';
const TIMEOUT_MS = 5000;

interface MetricsMessage {
  readonly type: typeof MESSAGE;
  readonly id: string;
  readonly text?: string;
  readonly error?: string;
}

const isMetricsMessage = (value: unknown): value is MetricsMessage =>
  typeof value === 'object' && value !== null && (value as { type?: unknown }).type === MESSAGE;

/** In the primary: answers workers' requests with the metrics of every process. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMetricsMessage(message)) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: MESSAGE, id: message.id, text }),
      (error: unknown) => worker.send({ type: MESSAGE, id: message.id, error: String(error) }),
    );
  });
}

/** In a worker: exposes `registry` to the primary and returns the function /metrics should call. */
export function clusterMetricsText(registry: Registry): () => Promise<string> {
  AggregatorRegistry.setRegistries([registry]);
  // prom-client installs a worker's answering listener only when an AggregatorRegistry is constructed there.
  new AggregatorRegistry();
  const pending = new Map<string, (message: MetricsMessage) => void>();
  process.on('message', (message: unknown) => {
    if (isMetricsMessage(message)) pending.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve) => {
      const id = randomUUID();
      // If the primary does not answer, this process's own metrics are better than no answer.
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(registry.metrics());
      }, TIMEOUT_MS);
      pending.set(id, (message) => {
        clearTimeout(timer);
        pending.delete(id);
        if (message.text !== undefined) resolve(message.text);
        else resolve(registry.metrics());
      });
      process.send?.({ type: MESSAGE, id });
    });
}
