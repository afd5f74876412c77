/**
 * Migrated PGlite databases without paying initdb each time. Creating a PGlite cluster costs ~2-4 s of CPU
 * (most of it initdb inside the WebAssembly build), while copying an already migrated data folder and opening
 * it costs ~0.4 s. So the first caller in a `vitest run` creates one migrated folder with the real `openDb` and
 * `migrate`, and every later caller, in any worker process, starts from a copy of it: the same database a fresh
 * open and migrate would give.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openDb } from '../../src/db/open-db.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** A folder shared by every worker of one run (global-setup.ts), removed when the run ends. */
    pgliteTemplateRoot: string;
  }
}

/** The run's shared folder; none outside a vitest worker (bench/fuzz.ts uses the API fixture), and then the
 * template is this process's own. */
function sharedRoot(): string | undefined {
  try {
    return inject('pgliteTemplateRoot');
  } catch {
    return undefined;
  }
}

function ownRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'mc-pglite-template-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  return root;
}

/** This process's template folder, made once even when concurrent tests ask together. */
let templateDir: Promise<string> | undefined;

function template(): Promise<string> {
  templateDir ??= makeTemplate();
  return templateDir;
}

async function makeTemplate(): Promise<string> {
  const root = sharedRoot() ?? ownRoot();
  const ready = join(root, 'migrated');
  if (existsSync(ready)) return ready;
  // Built aside and renamed into place, so another worker never copies a half-made folder; when two workers
  // build at once, the second rename fails and that worker uses the first one's.
  const building = mkdtempSync(join(root, 'building-'));
  const db = await openDb({ dataDir: building });
  await migrate(db);
  await db.close();
  try {
    renameSync(building, ready);
  } catch (error) {
    if (!existsSync(ready)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
  return ready;
}

/**
 * Fills `dbDir` (the folder `openDb({ dataDir })` would use, e.g. `$DATA_DIR/db` for the CLI) with a migrated
 * database, so a process started on it finds every migration applied instead of creating the cluster.
 */
export async function seedMigratedPglite(dbDir: string): Promise<void> {
  const from = await template();
  mkdirSync(dbDir, { recursive: true });
  cpSync(from, dbDir, { recursive: true });
}

/** A migrated PGlite database in a folder of its own; `dispose` closes it and removes the folder. */
export async function openMigratedPglite(): Promise<{ db: Db; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-pglite-'));
  await seedMigratedPglite(dir);
  const db = await openDb({ dataDir: dir });
  return {
    db,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
