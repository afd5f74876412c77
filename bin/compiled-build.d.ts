// Types of compiled-build.js, for the TypeScript that imports it (bench/support/tracing-pause.ts).
export const ROOT: string;
export const STAMP: string;
export const COMPILED_MAIN: string;
export function compiledBuildIsFresh(): boolean;
