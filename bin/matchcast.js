#!/usr/bin/env node
// Runs the compiled CLI from dist/ when `npm run build` made it from the current sources (less memory, faster
// start); otherwise the TypeScript sources through tsx, so a fresh clone works without a build step (ADR 0005).
import { COMPILED_MAIN, compiledBuildIsFresh } from './compiled-build.js';

if (process.env.MATCHCAST_FROM_SOURCE !== '1' && compiledBuildIsFresh()) {
  await import(COMPILED_MAIN);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
