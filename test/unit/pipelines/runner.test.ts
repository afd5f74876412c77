import { describe, expect, it } from 'vitest';
import { runPipeline, StageFailedError } from '../../../src/pipelines/run/runner.ts';
import type { Stage, StageName } from '../../../src/pipelines/run/stage.ts';
import type { FinishRun, RunRecord, RunRepository, StartRun } from '../../../src/registry/run-repository.ts';
import type { ArtifactStore, ObjectInfo } from '../../../src/storage/artifact-store.ts';

/** An artifact store in a Map; the etag is a counter, so a rewrite always changes it. */
function memoryStore(): ArtifactStore {
  const objects = new Map<string, { body: Buffer; info: ObjectInfo }>();
  let version = 0;
  return {
    uri: 'memory://',
    async put(key, body) {
      const info = { key, etag: String(++version), size: body.length, modifiedAt: new Date() };
      objects.set(key, { body: Buffer.from(body), info });
      return info;
    },
    get: async (key) => objects.get(key) ?? null,
    head: async (key) => objects.get(key)?.info ?? null,
    list: async (prefix) => [...objects.keys()].filter((k) => k.startsWith(prefix)).sort(),
    async delete(key) {
      objects.delete(key);
    },
    uriOf: (key) => `memory://${key}`,
  };
}

function memoryRuns(): RunRepository & {
  rows: Map<string, { stage: string; status: string; error: string | null }>;
} {
  const rows = new Map<string, { stage: string; status: string; error: string | null }>();
  let id = 0;
  const record = (runId: string) => ({ runId, ...rows.get(runId) }) as unknown as RunRecord;
  return {
    rows,
    async start(run: StartRun) {
      const runId = `run-${++id}`;
      rows.set(runId, { stage: run.stage, status: 'running', error: null });
      return record(runId);
    },
    async finish(runId: string, result: FinishRun) {
      const row = rows.get(runId);
      if (row) Object.assign(row, { status: result.status, error: result.error ?? null });
      return record(runId);
    },
    get: async (runId) => record(runId),
    closeAbandoned: async () => 0,
    lastSuccesses: async () => new Map(),
    list: async () => [],
  };
}

interface World {
  source: number;
  param: number;
  ran: string[];
  fail: boolean;
}

function stage(
  name: StageName,
  output: string,
  input: (w: World, store: ArtifactStore) => Promise<string>,
): Stage<World> {
  return {
    name,
    outputs: [output],
    params: (w) => (name === 'train' ? { l2: w.param } : {}),
    inputs: async (w) => ({ upstream: await input(w, store) }),
    async run(w) {
      if (w.fail && name === 'train') throw new Error('diverged');
      w.ran.push(name);
      await store.put(output, `${name}:${w.source}`);
      return { metrics: { ok: true } };
    },
  };
}

let store = memoryStore();
const stages = [
  stage('features', 'f', async (w) => String(w.source)),
  stage('train', 't', async (_w, s) => (await s.head('f'))?.etag ?? 'none'),
  stage('batch_inference', 'p', async (_w, s) => (await s.head('t'))?.etag ?? 'none'),
];

describe('pipeline runner', () => {
  it('runs what changed, skips the rest, resumes after a failure', async () => {
    store = memoryStore();
    const runs = memoryRuns();
    const world: World = { source: 1, param: 1, ran: [], fail: false };
    const go = () => runPipeline({ runs, store, stages, context: world });

    expect((await go()).map((r) => r.status)).toEqual(['ran', 'ran', 'ran']);
    expect((await go()).map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);

    world.param = 2; // a train param: train and what reads its output
    expect((await go()).map((r) => [r.stage, r.status, r.reason])).toEqual([
      ['features', 'skipped', null],
      ['train', 'ran', 'params changed'],
      ['batch_inference', 'ran', 'inputs changed'],
    ]);

    await store.delete('p'); // a lost output is rebuilt
    expect((await go()).map((r) => r.reason)).toEqual([null, null, 'outputs changed']);

    world.source = 2;
    world.fail = true;
    world.ran = [];
    const error = await go().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageFailedError);
    expect((error as StageFailedError).message).toContain('stage train failed');
    expect(world.ran).toEqual(['features']);
    expect([...runs.rows.values()].filter((r) => r.status === 'failed')).toEqual([
      { stage: 'train', status: 'failed', error: expect.stringContaining('diverged') },
    ]);

    world.fail = false;
    world.ran = [];
    expect((await go()).map((r) => r.status)).toEqual(['skipped', 'ran', 'ran']);
    expect(world.ran).toEqual(['train', 'batch_inference']);
  });

  it('runs only the selected stages, and all of them when forced', async () => {
    store = memoryStore();
    const world: World = { source: 1, param: 1, ran: [], fail: false };
    const runs = memoryRuns();
    await runPipeline({ runs, store, stages, context: world, only: ['features'] });
    expect(world.ran).toEqual(['features']);
    await runPipeline({ runs, store, stages, context: world });
    world.ran = [];
    const forced = await runPipeline({ runs, store, stages, context: world, force: true });
    expect(forced.map((r) => r.reason)).toEqual(['forced', 'forced', 'forced']);
  });

  it('starts no further stage once aborted', async () => {
    store = memoryStore();
    const controller = new AbortController();
    const world: World = { source: 1, param: 1, ran: [], fail: false };
    const reports = await runPipeline({
      runs: memoryRuns(),
      store,
      stages,
      context: world,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'ran' && e.stage === 'features') controller.abort();
      },
    });
    expect(reports.map((r) => r.stage)).toEqual(['features']);
  });
});
