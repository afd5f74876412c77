/**
 * A stage re-runs when anything it reads changes, so everything it reads must be in its fingerprint: every
 * param in its params (a change in params.yaml re-runs it) and every artifact's etag in its inputs. The
 * pipeline runs on the synthetic world with each stage's params behind a proxy that records every value read
 * and its artifact store recording every key asked for: what run() reads must be covered by what params() hands
 * the runner (an object of params.yaml, or a value read on the way) and by the artifacts inputs() looked at (or
 * the stage's own outputs). Outside them until this test: the live betting stage's margin method, the
 * backtest's goal markets, batch inference's features (it went on publishing predictions from the old feature
 * values while live predictions read the new ones), and the register stage's model description and feature set.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadParams, type Params } from '../../src/config/params.ts';
import type { Db } from '../../src/db/db.ts';
import { createPipeline, PIPELINE_STAGES } from '../../src/pipelines/run/pipeline.ts';
import type { PipelineContext } from '../../src/pipelines/run/pipeline-context.ts';
import { storePipelineDeps } from '../../src/pipelines/run/pipeline-services.ts';
import type { Stage } from '../../src/pipelines/run/stage.ts';
import type { ArtifactStore } from '../../src/storage/artifact-store.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';
import { PIPELINE_WORLD, writeSyntheticWorld } from '../unit/pipelines/synthetic-world.ts';

const NOW = PIPELINE_WORLD.now;

interface Reads {
  /** Dotted paths of the plain values read (numbers, strings, booleans…). */
  readonly values: Set<string>;
  /** The path of each object handed out, by the proxy handed out for it. */
  readonly paths: WeakMap<object, string>;
}

/** A copy of `params` (frozen objects cannot be proxied) behind a proxy noting every plain value read below it. */
function recorded<T extends object>(params: T, reads: Reads): T {
  return proxied(structuredClone(params), reads, '');
}

function proxied<T extends object>(params: T, reads: Reads, path: string): T {
  const proxy = new Proxy(params, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key === 'symbol') return value;
      const at = path === '' ? key : `${path}.${key}`;
      if (typeof value === 'object' && value !== null) return proxied(value, reads, at);
      if (typeof value !== 'function') reads.values.add(at);
      return value;
    },
  });
  reads.paths.set(proxy, path);
  return proxy;
}

/** The params paths an object returned by params() holds whole (each proxy in it, at any depth). */
function heldWhole(value: unknown, paths: WeakMap<object, string>, out = new Set<string>()): Set<string> {
  if (typeof value !== 'object' || value === null) return out;
  const path = paths.get(value);
  if (path !== undefined) out.add(path);
  else for (const inner of Object.values(value)) heldWhole(inner, paths, out);
  return out;
}

const covers = (declared: ReadonlySet<string>, path: string) =>
  [...declared].some((d) => d === '' || path === d || path.startsWith(`${d}.`));

let db: Db;
let dispose: () => Promise<void>;
let folder: string;

beforeAll(async () => {
  ({ db, dispose } = await openMigratedPglite());
  folder = mkdtempSync(join(tmpdir(), 'matchcast-fingerprints-'));
  await writeSyntheticWorld(db, PIPELINE_WORLD);
});

afterAll(async () => {
  await dispose();
  rmSync(folder, { recursive: true, force: true });
});

/** `store` noting in `keys` every artifact it is asked for (its bytes or its etag). */
function recordingStore(store: ArtifactStore, keys: Set<string>): ArtifactStore {
  return {
    uri: store.uri,
    put: (key, body) => store.put(key, body),
    get: (key) => {
      keys.add(key);
      return store.get(key);
    },
    head: (key) => {
      keys.add(key);
      return store.head(key);
    },
    list: (prefix) => store.list(prefix),
    delete: (key) => store.delete(key),
    uriOf: (key) => store.uriOf(key),
  };
}

it('re-runs a stage when anything it reads changes: every param and artifact it reads is fingerprinted', async () => {
  const params: Params = loadParams();
  const paramsOutside = new Map<string, string[]>();
  const artifactsOutside = new Map<string, string[]>();
  const stages = PIPELINE_STAGES.map((stage): Stage<PipelineContext> => {
    const declaredReads: Reads = { values: new Set(), paths: new WeakMap() };
    const runReads: Reads = { values: new Set(), paths: new WeakMap() };
    const inputKeys = new Set<string>();
    const runKeys = new Set<string>();
    return {
      ...stage,
      params: (ctx) => stage.params({ ...ctx, params: recorded(ctx.params, declaredReads) }),
      inputs: (ctx) => stage.inputs({ ...ctx, store: recordingStore(ctx.store, inputKeys) }),
      async run(ctx, runId) {
        const outcome = await stage.run(
          { ...ctx, params: recorded(ctx.params, runReads), store: recordingStore(ctx.store, runKeys) },
          runId,
        );
        const declared = new Set([
          ...declaredReads.values,
          ...heldWhole(
            stage.params({ ...ctx, params: recorded(ctx.params, declaredReads) }),
            declaredReads.paths,
          ),
        ]);
        const params = [...runReads.values].filter((path) => !covers(declared, path));
        if (params.length > 0) paramsOutside.set(stage.name, params.sort());
        // An artifact read must have its etag among the inputs, unless the stage writes it itself.
        const artifacts = [...runKeys].filter((key) => !inputKeys.has(key) && !stage.outputs.includes(key));
        if (artifacts.length > 0) artifactsOutside.set(stage.name, artifacts.sort());
        return outcome;
      },
    };
  });
  const deps = storePipelineDeps(db, createFileArtifactStore(folder), params, 'test-model');
  const reports = await createPipeline({ ...deps, stages }).run({ source: { kind: 'none' }, now: NOW });
  expect(reports.map((r) => r.status)).toEqual(Array(PIPELINE_STAGES.length).fill('ran'));
  expect(Object.fromEntries(paramsOutside)).toEqual({});
  expect(Object.fromEntries(artifactsOutside)).toEqual({});
});
