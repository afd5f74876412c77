/**
 * `matchcast pipeline run [--stage S…] [--force] [--data <csv folder>]`: runs the stages whose inputs, params or
 * outputs changed and skips the rest, printing progress and per-stage timings. `matchcast pipeline status`
 * shows the lock file's view of each stage.
 */
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { requireCsvFiles } from '../../ingest/football-data/files.ts';
import type { StageReport } from '../../pipelines/run/runner.ts';
import { isStageName, STAGE_NAMES, type StageName } from '../../pipelines/run/stage.ts';
import type { ArtifactStore } from '../../storage/artifact-store.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { describeError } from '../describe-error.ts';
import { jsonOption, printJson, printReport } from '../output.ts';

function stageList(value: string, previous: StageName[] = []): StageName[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!isStageName(name))
      throw new InvalidArgumentError(`unknown stage "${name}" (one of ${STAGE_NAMES.join(', ')})`);
  }
  return [...previous, ...(names as StageName[])];
}

/**
 * The lock file's text (null when there is none), saying on stderr when it cannot be read, and what follows
 * (`consequence`): both commands read it, and a silent "never ran" for every stage hid a damaged file.
 */
async function readLockText(store: ArtifactStore, consequence: string): Promise<string | null> {
  const { LOCK_FILE_KEY, lockFileProblem } = await import('../../pipelines/run/lock-file.ts');
  const text = (await store.get(LOCK_FILE_KEY))?.body.toString('utf8') ?? null;
  const problem = text === null ? null : lockFileProblem(text);
  if (problem)
    process.stderr.write(
      `matchcast pipeline: ignoring the unreadable lock file ${LOCK_FILE_KEY} (${problem}); ${consequence}\n`,
    );
  return text;
}

/**
 * Names what the stages left out (`StageOutcome.leftOut`), one line each; true when there was any. The stages
 * went on without it, so the exit status must not say that all went well.
 */
function sayLeftOut(reports: readonly StageReport[], write: (text: string) => void): boolean {
  const lines = reports.flatMap((r) => (r.outcome?.leftOut ?? []).map((line) => `${r.stage}: ${line}`));
  for (const line of lines) write(`matchcast pipeline: ${line}\n`);
  return lines.length > 0;
}

export function registerPipeline(program: Command): void {
  const pipeline = program.command('pipeline').description('the ML pipeline: ingest → … → monitor_drift');
  pipeline
    .command('run')
    .description('run the stages whose inputs, params or outputs changed; skip the rest')
    .option(
      '--stage <names>',
      `only these stages, comma-separated or repeated (${STAGE_NAMES.join(', ')})`,
      stageList,
    )
    .option('--force', 'run the selected stages even when nothing changed', false)
    .option(
      '--data <paths...>',
      'football-data CSV files or folders to ingest from (remembered for later runs)',
    )
    .addOption(jsonOption('the stage reports on stdout (progress stays on stderr)'))
    .action(async (options: { stage?: StageName[]; force: boolean; data?: string[]; json?: boolean }) => {
      const config = configOrExit();
      // Checked before it is remembered: a mistyped folder would otherwise fail every later run too.
      if (options.data) requireCsvFiles(options.data);
      // Loaded here, not at the top: every command line would otherwise load the whole pipeline to start.
      const [
        { writeIngestSource },
        { createPipeline },
        { pipelineDeps },
        { printStageEvent, timingTable },
        runner,
      ] = await Promise.all([
        import('../../pipelines/run/ingest-source-store.ts'),
        import('../../pipelines/run/pipeline.ts'),
        import('../../pipelines/run/pipeline-services.ts'),
        import('../../pipelines/run/progress-printer.ts'),
        import('../../pipelines/run/runner.ts'),
      ]);
      const db = await openDatabase(config);
      const deps = pipelineDeps(config, db);
      if (options.data) {
        await writeIngestSource(deps.store, {
          kind: 'football-data',
          paths: options.data.map((p) => resolve(p)),
        });
      }
      const write = (text: string) => process.stderr.write(text);
      await readLockText(deps.store, 'every selected stage runs again and rewrites it');
      try {
        const reports = await createPipeline(deps).run({
          only: options.stage,
          force: options.force,
          onEvent: printStageEvent(write),
          log: (line) => write(`      ${line}\n`),
        });
        write(timingTable(reports));
        if (options.json) printJson({ stages: reports });
        if (sayLeftOut(reports, write)) process.exitCode = 1;
      } catch (error) {
        if (error instanceof runner.StageFailedError) {
          write(timingTable(error.reports));
          sayLeftOut(error.reports, write);
          write(
            `matchcast pipeline: stopped at stage ${error.stage}: ${describeError(error.cause).message}\n`,
          );
          write('earlier stages kept their outputs; fix the cause and run again to resume from this stage\n');
          await db.close();
          process.exit(1);
        }
        throw error;
      }
      await db.close();
    });
  pipeline
    .command('status')
    .description("each stage's last successful run according to the lock file")
    .addOption(jsonOption('each stage with its last run (null when it never ran)'))
    .action(async (options: { json?: boolean }) => {
      const config = configOrExit();
      const [{ pipelineDeps }, { parseLockFile }] = await Promise.all([
        import('../../pipelines/run/pipeline-services.ts'),
        import('../../pipelines/run/lock-file.ts'),
      ]);
      const db = await openDatabase(config, { existing: true });
      const { store } = pipelineDeps(config, db);
      const lock = parseLockFile(
        await readLockText(store, "no stage counts as run until the next 'pipeline run' rewrites it"),
      );
      const stages = STAGE_NAMES.map((name) => ({ stage: name, last_run: lock.stages[name] ?? null }));
      printReport(options.json, { stages }, () =>
        stages
          .map(
            ({ stage, last_run: e }) =>
              `${stage.padEnd(16)} ${e ? `${e.completed_at}  ${e.duration_ms} ms  run ${e.run_id}` : 'never ran'}`,
          )
          .join('\n'),
      );
      await db.close();
    });
}
