/**
 * Every DuckDB this process opens, in memory. Spills go to a folder of this process under the OS temp folder:
 * DuckDB's default is `.tmp` under the working directory, which is read-only in the image (deploy/Dockerfile),
 * so a spill there failed the stage. TMPDIR decides where (the manifests give it a volume).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

export function createDuckDb(settings: Readonly<Record<string, string>> = {}): Promise<DuckDBInstance> {
  return DuckDBInstance.create(':memory:', {
    temp_directory: join(tmpdir(), `matchcast-duckdb-${process.pid}`),
    ...settings,
  });
}
