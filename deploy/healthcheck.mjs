// The image's HEALTHCHECK, one script for every role: the API answers /livez on PORT, workers and the scheduler
// on METRICS_PORT. /livez checks the process alone, as the Kubernetes liveness probes do: a slow or absent
// database never fails it (/healthcheck/ asks the database). Exit 0 when either answers 200 within the
// timeout, 1 otherwise.
const env = process.env;
const targets = [
  `http://127.0.0.1:${env.PORT || 8000}/livez`,
  ...(env.METRICS_PORT === '0' ? [] : [`http://127.0.0.1:${env.METRICS_PORT || 9464}/livez`]),
];

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

const results = await Promise.all(targets.map(answers));
process.exit(results.some(Boolean) ? 0 : 1);
