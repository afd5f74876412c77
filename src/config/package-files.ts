/**
 * Files that ship beside the code. This module sits two folders below the package root whether it runs as
 * source (src/config, through tsx) or compiled (dist/config), so one set of paths serves both.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const PACKAGE = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
  license: string;
};

export const PACKAGE_VERSION = PACKAGE.version;
/** The SPDX licence id, as the OpenAPI document states it. */
export const PACKAGE_LICENSE = PACKAGE.license;

/** The built dashboard (`npm run build:ui`). */
export const UI_DIST_DIR = join(PACKAGE_ROOT, 'src', 'ui', 'dist');

/** The numbered SQL migrations. */
export const MIGRATIONS_DIR = join(PACKAGE_ROOT, 'src', 'db', 'migrations');

/** <package root>/params.yaml */
export const DEFAULT_PARAMS_PATH = join(PACKAGE_ROOT, 'params.yaml');

/** The shipped team-name aliases (extended by params.yaml `sync.team_aliases`). */
export const TEAM_ALIASES_PATH = join(PACKAGE_ROOT, 'src', 'ingest', 'football-data', 'team-aliases.yaml');
