/**
 * `matchcast models …`: list registered versions, show one, move an alias by hand (recorded with who and why,
 * and only to a version whose artifact verifies), roll an alias back to its previous version. A thin adapter
 * over the ModelRegistry.
 */
import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import { MODEL_ALIASES, type ModelAlias } from '../../domain/model-signature.ts';
import type { ModelRegistry, ModelVersion, Promotion } from '../../registry/model-registry.ts';
import { ModelVersionNotFoundError } from '../../registry/registry-errors.ts';
import { configOrExit, openDatabase } from '../config-and-database.ts';
import { nonEmpty } from '../option-parsers.ts';
import { formatTable, jsonOption, printReport } from '../output.ts';

interface ModelOptions {
  readonly model?: string;
}

interface JsonFlag {
  readonly json?: boolean;
}

function parseAlias(value: string): ModelAlias {
  if (!(MODEL_ALIASES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`unknown alias ${value}: expected one of ${MODEL_ALIASES.join(', ')}`);
  }
  return value as ModelAlias;
}

/** Largest version the registry stores (a PostgreSQL integer). */
const MAX_VERSION = 2 ** 31 - 1;

function parseVersion(value: string): number {
  if (!/^[1-9]\d*$/.test(value) || Number(value) > MAX_VERSION)
    throw new InvalidArgumentError(`version must be an integer from 1 to ${MAX_VERSION}, got ${value}`);
  return Number(value);
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function metric(version: ModelVersion, name: string): string {
  const value = version.metrics[name];
  return typeof value === 'number' ? value.toFixed(4) : '-';
}

function formatList(versions: readonly ModelVersion[]): string {
  const header = ['version', 'aliases', 'created_at', 'log_loss', 'rps', 'run_id'];
  const rows = versions.map((v) => [
    String(v.version),
    v.aliases.join(',') || '-',
    v.createdAt.toISOString(),
    metric(v, 'log_loss'),
    metric(v, 'rps'),
    v.runId ?? '-',
  ]);
  return formatTable(header, rows);
}

function formatPromotion(p: Promotion): string {
  return `${p.at.toISOString()}  ${p.alias}: ${p.fromVersion ?? '-'} → ${p.toVersion ?? '-'}  by ${p.actor}  (${p.reason})`;
}

/** Opens what a models command needs, runs it, closes the database, and turns errors into one line + exit 1. */
async function withRegistry(
  options: ModelOptions,
  fn: (registry: ModelRegistry, name: string) => Promise<void>,
): Promise<void> {
  const config = configOrExit();
  const [{ createModelRegistry }, { createArtifactStore }] = await Promise.all([
    import('../../registry/model-registry.ts'),
    import('../../storage/create-artifact-store.ts'),
  ]);
  const db = await openDatabase(config, { existing: true });
  try {
    await fn(
      createModelRegistry({ db, store: createArtifactStore(config) }),
      options.model ?? config.modelName,
    );
  } catch (error) {
    process.stderr.write(`matchcast models: ${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    await db.close();
  }
}

export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('the model registry: versions, aliases (champion, challenger, candidate), promotions')
    .option('--model <name>', 'registered model name (default MODEL_NAME)', nonEmpty);

  models
    .command('list')
    .description('list the versions of the model, newest first, with their aliases and key metrics')
    .addOption(jsonOption('the versions'))
    .action((options: JsonFlag) =>
      withRegistry(models.opts<ModelOptions>(), async (registry, name) => {
        const versions = await registry.listVersions(name);
        printReport(options.json, { model: name, versions }, () =>
          versions.length === 0 ? `model ${name} has no versions yet` : formatList(versions),
        );
      }),
    );

  models
    .command('show')
    .description('show one version: signature, metrics, params, artifact and checksum, and its promotions')
    .argument('<version>', 'version number', parseVersion)
    .addOption(jsonOption('the version (on one line; without --json it is indented)'))
    .action((version: number, options: JsonFlag) =>
      withRegistry(models.opts<ModelOptions>(), async (registry, name) => {
        const found = await registry.getVersion(name, version);
        if (!found) throw new Error(`model ${name} has no version ${version}`);
        const history = (await registry.history(name)).filter(
          (p) => p.toVersion === version || p.fromVersion === version,
        );
        printReport(options.json, { ...found, promotions: history }, (v) => JSON.stringify(v, null, 2));
      }),
    );

  models
    .command('promote')
    .description(
      'point an alias at a version (recorded in the promotion history) once its artifact is verified: checksum, ONNX load, a probe row',
    )
    .argument('<version>', 'version number', parseVersion)
    .requiredOption('--alias <alias>', `one of ${MODEL_ALIASES.join(', ')}`, parseAlias)
    .requiredOption('--reason <text>', 'why, for the promotion history', nonEmpty)
    .option('--actor <who>', 'who promotes (default: the OS user)', nonEmpty)
    .addOption(jsonOption('the recorded promotion (null when nothing changed)'))
    .action((version: number, options: { alias: ModelAlias; reason: string; actor?: string } & JsonFlag) =>
      withRegistry(models.opts<ModelOptions>(), async (registry, name) => {
        const target = await registry.getVersion(name, version);
        if (!target) throw new ModelVersionNotFoundError(name, version);
        const { verifyModelVersion } = await import('../../inference/verify-model.ts');
        await verifyModelVersion(registry, target);
        const promotion = await registry.promote({
          name,
          version,
          alias: options.alias,
          actor: options.actor ?? currentUser(),
          reason: options.reason,
        });
        printReport(options.json, { promotion }, () =>
          promotion
            ? formatPromotion(promotion)
            : `${options.alias} already points at version ${version}; nothing recorded`,
        );
      }),
    );

  models
    .command('rollback')
    .description(
      'move an alias back to the version it had before its current one, once that artifact is verified as promote does',
    )
    .option('--alias <alias>', `one of ${MODEL_ALIASES.join(', ')}`, parseAlias, 'champion')
    .option('--reason <text>', 'why, for the promotion history', nonEmpty, 'manual rollback')
    .option('--actor <who>', 'who rolls back (default: the OS user)')
    .addOption(jsonOption('the recorded promotion'))
    .action((options: { alias: ModelAlias; reason: string; actor?: string } & JsonFlag) =>
      withRegistry(models.opts<ModelOptions>(), async (registry, name) => {
        const { verifyModelVersion } = await import('../../inference/verify-model.ts');
        const promotion = await registry.rollback({
          name,
          alias: options.alias,
          actor: options.actor ?? currentUser(),
          reason: options.reason,
          verify: (target) => verifyModelVersion(registry, target),
        });
        printReport(options.json, { promotion }, () => formatPromotion(promotion));
      }),
    );

  models
    .command('history')
    .description('the append-only promotion history of every alias, oldest first')
    .addOption(jsonOption('the promotions'))
    .action((options: JsonFlag) =>
      withRegistry(models.opts<ModelOptions>(), async (registry, name) => {
        const history = await registry.history(name);
        printReport(options.json, { model: name, promotions: history }, () =>
          history.length === 0 ? 'no promotions yet' : history.map(formatPromotion).join('\n'),
        );
      }),
    );
}
