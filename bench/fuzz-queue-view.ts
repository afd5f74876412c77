/**
 * Hostile requests to the queue view's own API (Bull Board under /monitoring/queues/api, which the OpenAPI
 * document does not list, so bench/fuzz.ts never reaches it): every route Bull Board registers, each path
 * parameter, query and body from a small hostile set, without and with a monitoring key (read-only, then with
 * the board's write routes open), on PostgreSQL and a BullMQ queue on Redis holding a few tasks.
 *
 *   node --import tsx bench/fuzz-queue-view.ts
 *
 * Prints the status histogram of each pass and every 5xx, and the answers in neither the API's error shape nor
 * Bull Board's own (`{"error": {"key": …}}`, which its page reads to show a message).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { InjectOptions } from 'fastify';
import { errorShapeProblem } from '../test/support/openapi-fuzz.ts';
import { API_KEY, createApiFixture, registerModel } from '../test/unit/api/fixture.ts';
import { openProductionServices } from './support/production-services.ts';

const MONITORING_KEY = 'monitoring-key-0123456789';
/** Bull Board's routes, as its route table declares them. */
const ROUTES = [
  ...readFileSync(createRequire(import.meta.url).resolve('@bull-board/api/dist/routes.js'), 'utf8').matchAll(
    /method: '([a-z]+)',\s*route: '([^']+)'/g,
  ),
].map(([, method, route]) => ({ method: String(method).toUpperCase(), route: String(route) }));
const PARAMS: Record<string, readonly string[]> = {
  queueName: ['ml', 'nope', '\u0000', '..', 'x'.repeat(300)],
  jobId: ['1', '2', 'zzz', '\u0000', '-1', '1e400'],
  queueStatus: ['failed', 'completed', 'waiting', 'bogus', ''],
  schedulerId: ['a', '\u0000'],
};
const QUERIES = [
  '',
  '?activeQueue=ml&status=failed&page=1&jobsPerPage=10',
  '?activeQueue=%00&status=bogus&page=-1&jobsPerPage=1e400',
  '?page=abc&jobsPerPage=-5&status=latest',
  '?activeQueue=ml&status=completed&page=99999999999999999999',
];
const BODIES = [
  undefined,
  '{}',
  '{"name":"x","data":{}}',
  'not json',
  '{"concurrency":-1}',
  '{"max":"x","duration":null}',
  '{"data":"\\u0000"}',
  '{"delay":-1e400}',
  '{"priority":"high"}',
];
const VARIANTS = 6;

function* requests(key: string | undefined): Generator<InjectOptions> {
  for (const { method, route } of ROUTES) {
    const names = [...route.matchAll(/:(\w+)/g)].map(([, name]) => String(name));
    for (let v = 0; v < VARIANTS; v++) {
      let url = `/monitoring/queues${route}`;
      for (const name of names) {
        const values = PARAMS[name] ?? ['x'];
        url = url.replace(`:${name}`, encodeURIComponent(values[(v + name.length) % values.length] ?? ''));
      }
      for (const query of QUERIES)
        for (const body of method === 'GET' ? [undefined] : BODIES)
          yield {
            method: method as InjectOptions['method'],
            url: url + query,
            headers: {
              ...(key === undefined || v === 0 ? {} : { 'x-api-key': key }),
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { payload: body }),
          };
    }
  }
}

const boardShaped = (body: string) => /^\{"error":\{"key":"ERRORS\.[A-Z_]+"/.test(body);

const services = await openProductionServices('fuzzboard');
let offending = 0;
try {
  for (const monitoringApiKey of [undefined, MONITORING_KEY]) {
    const f = await createApiFixture({
      ...services.wiring,
      ...(monitoringApiKey ? { monitoringApiKey } : {}),
    });
    await registerModel(f.registry);
    for (let i = 0; i < 3; i++)
      await f.app.inject({
        method: 'POST',
        url: '/predict/async/',
        headers: { 'x-api-key': API_KEY },
        payload: { match_id: 1000 },
      });
    const statuses: Record<number, number> = {};
    let boardErrors = 0;
    for (const request of requests(monitoringApiKey)) {
      const res = await f.app.inject(request);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      const shape = res.statusCode >= 400 ? errorShapeProblem(res.statusCode, res.body) : null;
      if (shape !== null && res.statusCode < 500 && boardShaped(res.body)) boardErrors++;
      else if (res.statusCode >= 500 || shape !== null) {
        offending++;
        console.log(
          `${request.method} ${String(request.url).slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 160)}`,
        );
      }
    }
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    console.log(
      `${monitoringApiKey ? 'with a monitoring key' : 'open (read-only)'}: ${total} requests, statuses ${JSON.stringify(statuses)}, ${boardErrors} in Bull Board's error shape`,
    );
    await f.close();
  }
} finally {
  await services.close();
}
console.log(`offending answers (5xx, or neither error shape): ${offending}`);
process.exit(offending === 0 ? 0 : 1);
