/**
 * CPU µs per request by variant from the profiles of `bench/api.ts --scenario limits --cpu-prof DIR`: busy time,
 * time under our protections' hook, under Node's header writing, and the functions with the most self time.
 *
 *   node --import tsx bench/cpu-profile-summary.ts DIR [--top 15]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  addWindows,
  type CpuProfile,
  type FrameGroup,
  type ProfileWindow,
} from './support/profile-window.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '15' } },
});
const dir = positionals[0];
if (dir === undefined) throw new Error('usage: cpu-profile-summary.ts DIR [--top 15]');

/** Fastify's hook runner: a hook calling `done` runs the next hooks and the handler from here. */
const nextHook = (f: { functionName: string; url: string }) =>
  f.functionName === 'next' && f.url.endsWith('fastify/lib/hooks.js');
const groups = new Map<string, FrameGroup>([
  // Our hook: the headers it sets (Fastify's reply.header included) and the limit checks, not what follows it.
  ['security hook', { matches: (f) => f.url.endsWith('src/api/plugins/security.ts'), boundary: nextHook }],
  ['window counters', { matches: (f) => f.url.endsWith('src/api/plugins/window-counter.ts') }],
  // Node turning the reply's headers into the head of the answer, in every variant.
  ['node writeHead', { matches: (f) => f.url === 'node:_http_server' && f.functionName === 'writeHead' }],
  // Fastify's reply.header: ours and the request id's (the only other header set per request here).
  ['fastify reply.header', { matches: (f) => f.functionName === 'Reply.header' }],
]);

const windows = JSON.parse(readFileSync(join(dir, 'windows.json'), 'utf8')) as ProfileWindow[];
const variants = [...new Set(windows.map((w) => w.variant))];
const us = (total: number, requests: number) => Math.round((100 * total) / requests) / 100;
for (const variant of variants) {
  const into = {
    busyUs: 0,
    requests: 0,
    selfUs: new Map<string, number>(),
    groupUs: new Map<string, number>(),
  };
  const mine = windows.filter((w) => w.variant === variant);
  for (const profile of new Set(mine.map((w) => w.profile)))
    addWindows(
      into,
      JSON.parse(readFileSync(join(dir, profile), 'utf8')) as CpuProfile,
      mine.filter((w) => w.profile === profile),
      groups,
    );
  const top = [...into.selfUs].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  process.stdout.write(
    `${JSON.stringify({
      variant,
      requests: into.requests,
      busy_cpu_us_per_request: us(into.busyUs, into.requests),
      groups_cpu_us_per_request: Object.fromEntries(
        [...groups.keys()].map((g) => [g, us(into.groupUs.get(g) ?? 0, into.requests)]),
      ),
      top_self_cpu_us_per_request: Object.fromEntries(top.map(([name, t]) => [name, us(t, into.requests)])),
    })}\n`,
  );
}
