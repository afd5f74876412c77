/**
 * The image's recipe, proven without a Docker engine: deploy/Dockerfile is replayed stage by stage in a temp
 * folder (production dependencies from the lock with `npm ci --omit=dev`, the real `npm run build`, the final
 * stage's COPY list), then api, worker and scheduler start from that folder as separate processes against the
 * real PostgreSQL (own schema), Redis (own prefix) and an S3-compatible server, and a live prediction goes
 * through the queue; `import football-data` loads a two-row CSV, and every file src/config/package-files.ts
 * names beside the code must be in the image. Takes ~40 s on a quiet machine, most of it `npm ci` (from the
 * npm cache) and `tsc`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as packageFiles from '../../src/config/package-files.ts';
import type { Db } from '../../src/db/db.ts';
import { openDb } from '../../src/db/open-db.ts';
import { createTaskQueue } from '../../src/queue/create-task-queue.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createArtifactStore } from '../../src/storage/create-artifact-store.ts';
import { eventually, type Spawned, spawnNode, waitForOutput } from '../support/child-process.ts';
import {
  baseImage,
  linkNodeModules,
  npmCi,
  parseDockerfile,
  readDockerIgnore,
  replayDockerfile,
} from '../support/dockerfile-replay.ts';
import { deleteRedisPrefix } from '../support/redis-server.ts';
import { startS3Server, type TestS3Server } from '../support/s3-server.ts';
import {
  POSTGRES_URL,
  postgresAvailable,
  REDIS_URL,
  redisAvailable,
  uniqueName,
} from '../support/services.ts';
import { API_KEY, MODEL_NAME, registerModel, writeAllArtifacts } from '../unit/api/fixture.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const dockerfile = parseDockerfile(readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8'));
const finalStage = dockerfile.stages.at(-1);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('the image recipe (deploy/Dockerfile)', () => {
  const engines = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }
  ).engines.node;

  it('builds every stage from the Node line of package.json engines, pinned to a release', () => {
    const major = /^>=(\d+)$/.exec(engines)?.[1];
    for (const stage of dockerfile.stages)
      expect(baseImage(dockerfile, stage)).toMatch(new RegExp(`^node:${major}\\.\\d+\\.\\d+-bookworm-slim$`));
  });

  it('runs as a non-root user with a HEALTHCHECK, one entrypoint for every role', () => {
    const ops = finalStage?.instructions ?? [];
    expect(ops.filter((i) => i.op === 'USER').at(-1)?.args).toBe('node');
    expect(ops.find((i) => i.op === 'HEALTHCHECK')?.args).toMatch(
      /CMD \["node", "deploy\/healthcheck.mjs"\]/,
    );
    expect(ops.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["node", "bin/matchcast.js"]');
    const prodDeps = dockerfile.stages.find((s) => s.name === 'prod-deps');
    expect(prodDeps?.instructions.find((i) => i.op === 'RUN')?.args).toMatch(/^npm ci --omit=dev\b/);
    expect(ops.find((i) => i.op === 'COPY' && i.args.includes('node_modules'))?.args).toMatch(
      /^--from=prod-deps /,
    );
  });

  it('keeps the checkout’s heavy and secret folders out of the build context', () => {
    const patterns = readDockerIgnore(ROOT);
    for (const folder of ['.git', 'node_modules', 'dist', 'var', '.env']) expect(patterns).toContain(folder);
  });
});

describe.skipIf(!postgresAvailable || !redisAvailable)(
  'processes installed as the image installs them',
  () => {
    const root = mkdtempSync(join(tmpdir(), 'mc-image-'));
    const schema = uniqueName('t');
    const prefix = uniqueName('mcimage');
    const children: Spawned[] = [];
    let app = '';
    let s3: TestS3Server;
    let db: Db;
    let api = '';
    let env: Record<string, string>;

    beforeAll(async () => {
      const started = Date.now();
      app = replayDockerfile(dockerfile, {
        context: ROOT,
        root,
        run(command, dir, stage) {
          const flags = command.split(/\s+/).slice(2);
          if (stage.name === 'build' && command === 'npm ci --no-audit --no-fund') linkNodeModules(ROOT, dir);
          else if (command.startsWith('npm ci --omit=dev')) npmCi(dir, flags);
          else if (command === 'npm run build')
            execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: 'pipe' });
          // The image's data folder; the processes here get DATA_DIR inside the temp folder instead.
          else if (command === 'mkdir -p /data && chown node:node /data') return true;
          else return false;
          return true;
        },
      });
      console.info(`image replayed into ${app} in ${Math.round((Date.now() - started) / 1000)} s`);

      s3 = await startS3Server();
      env = {
        NODE_ENV: 'production',
        DATA_DIR: join(root, 'data'),
        DATABASE_URL: `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        REDIS_URL,
        ARTIFACT_STORE: `s3://${s3.bucket}/artifacts`,
        S3_ENDPOINT: s3.endpoint,
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        API_KEY,
        MODEL_NAME,
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        // Off: worker and scheduler on one host would both claim the image's 9464 (pods each have their own).
        METRICS_PORT: '0',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
      };
      db = await openDb({ databaseUrl: POSTGRES_URL, schema });
      const migrate = spawnNode(['bin/matchcast.js', 'migrate'], env, app);
      expect(await migrate.exited, migrate.output()).toBe(0);
      const store = createArtifactStore({
        artifactStore: env.ARTIFACT_STORE ?? '',
        s3: { endpoint: s3.endpoint, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
      });
      await writeAllArtifacts(store);
      await registerModel(createModelRegistry({ db, store }), 'champion');

      const start = (args: string[]) => {
        const spawned = spawnNode(['bin/matchcast.js', ...args, '--prefix', prefix], env, app);
        children.push(spawned);
        return spawned;
      };
      const apiProcess = start(['api']);
      start(['worker', '--concurrency', '2', '--name', 'image-worker']);
      const scheduler = start(['scheduler']);
      await waitForOutput(apiProcess, /matchcast api listening/, 60_000);
      await waitForOutput(scheduler, /scheduler running \(bullmq\)/, 60_000);
      // The worker is serving once its heartbeat is in Redis (the API answers 503 until then).
      const queue = createTaskQueue({ redisUrl: REDIS_URL, prefix });
      try {
        await eventually(
          async () => ((await queue.workers()).some((w) => w.name === 'image-worker') ? true : undefined),
          60_000,
          'the worker process heartbeats',
        );
      } finally {
        await queue.close();
      }
      api = `http://127.0.0.1:${env.PORT}`;
    }, 300_000);

    afterAll(async () => {
      for (const child of children) child.child.kill('SIGTERM');
      await Promise.all(children.map((c) => c.exited));
      await deleteRedisPrefix(REDIS_URL, prefix);
      await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db?.close();
      await s3?.stop();
      rmSync(root, { recursive: true, force: true });
    });

    const get = (path: string) => fetch(`${api}${path}`, { headers: { 'x-api-key': API_KEY } });

    it('holds production dependencies and built output only', () => {
      const modules = readdirSync(join(app, 'node_modules'));
      expect(modules).toContain('fastify');
      // typescript is absent from this list on purpose: Bull Board's valibot names it as an optional peer, and
      // npm keeps an optional peer that the lock holds, even with --omit=dev (types only; nothing loads it).
      for (const dev of ['vitest', 'vite', '@biomejs', 's3rver']) expect(modules).not.toContain(dev);
      expect(existsSync(join(app, 'dist', '.built'))).toBe(true);
      expect(existsSync(join(app, 'src', 'ui', 'dist', 'index.html'))).toBe(true);
      expect(
        readdirSync(join(app, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts')),
      ).toEqual([]);
    });

    it('holds every file the code reads beside itself (src/config/package-files.ts)', () => {
      const paths = Object.values(packageFiles).filter(
        (value): value is string =>
          typeof value === 'string' &&
          value.startsWith(packageFiles.PACKAGE_ROOT) &&
          value !== packageFiles.PACKAGE_ROOT,
      );
      expect(paths.length).toBeGreaterThanOrEqual(4);
      for (const path of paths) {
        const inImage = relative(packageFiles.PACKAGE_ROOT, path);
        expect(existsSync(join(app, inImage)), `${inImage} is missing from the image`).toBe(true);
      }
    });

    it('serves a live prediction computed by the worker process, sync and queued', async () => {
      await eventually(
        async () => ((await get('/readyz')).status === 200 ? true : undefined),
        30_000,
        'api ready',
      );
      const live = await get('/predict/1004');
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({
        match_id: 1004,
        prediction: { model_name: MODEL_NAME, model_version: '1', model_stage: 'champion' },
      });

      const queued = await fetch(`${api}/predict/async/`, {
        method: 'POST',
        headers: { 'x-api-key': API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ match_id: 1005 }),
      });
      expect(queued.status).toBe(202);
      const { task_id } = (await queued.json()) as { task_id: string };
      const done = await eventually(
        async () => {
          const body = (await (await get(`/monitoring/task_status/${task_id}`)).json()) as { status: string };
          return body.status === 'success' || body.status === 'failure' ? body : undefined;
        },
        20_000,
        'queued prediction finished',
      );
      expect(done).toMatchObject({ status: 'success', result: { match_id: 1005 } });
    });

    it('runs the scheduler: one BullMQ job scheduler per params.yaml schedule', async () => {
      const pipeline = new Queue('pipeline', { connection: { url: REDIS_URL }, prefix });
      try {
        expect((await pipeline.getJobSchedulers()).length).toBeGreaterThan(0);
      } finally {
        await pipeline.close();
      }
    });

    it('answers the image HEALTHCHECK from the API, and fails it when nothing listens', () => {
      const check = (port: string) =>
        spawnNode(['deploy/healthcheck.mjs'], { PORT: port, METRICS_PORT: '0' }, app).exited;
      return Promise.all([check(env.PORT ?? ''), freePort().then((p) => check(String(p)))]).then(
        ([up, down]) => {
          expect(up).toBe(0);
          expect(down).toBe(1);
        },
      );
    });

    it('imports a football-data CSV (the import reads the shipped team aliases)', async () => {
      const csv = join(root, 'E0.csv');
      writeFileSync(
        csv,
        [
          'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,B365H,B365D,B365A',
          'E0,16/08/2024,20:00,Alpha,Beta,2,1,H,2.10,3.40,3.60',
          'E0,17/08/2024,15:00,Gamma,Delta,0,0,D,1.90,3.50,4.20',
        ].join('\n'),
      );
      const run = spawnNode(['bin/matchcast.js', 'import', 'football-data', csv, '--json'], env, app);
      expect(await run.exited, run.output()).toBe(0);
      expect(run.output()).toMatch(/"matchesInserted":\s*2\b/);
    });
  },
);
