// Types of compiled-build.js, for the TypeScript that imports it (bench/support/tracing-pause.ts, the e2e tests'
// dashboard build, the unit test).
export interface Build {
  readonly stamp: string;
  readonly output: string;
  readonly folders: readonly string[];
  readonly skip: readonly string[];
  readonly wanted: (name: string) => boolean;
  readonly files: readonly string[];
}
export const ROOT: string;
export const COMPILED_MAIN: string;
export const SERVER_BUILD: Build;
export const DASHBOARD_BUILD: Build;
export function sourcesHash(build: Build, root?: string): string | null;
export function buildIsFresh(build: Build, root?: string, hash?: string | null): boolean;
export function stampBuild(build: Build, hash: string | null, root?: string): void;
export function compiledBuildIsFresh(): boolean;
