/**
 * Preloaded (`node --import tsx --import …/tracing-pause.ts`) into the API and workers of
 * `bench/api.ts --scenario tracing-paired`: each SIGUSR2 pauses or resumes tracing in this process
 * (pauseTracing), in the build the process runs (dist/ when fresh, else the sources: the same module the
 * server imports), so one deployment is measured with tracing on and paused in turn.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledBuildIsFresh, ROOT } from '../../bin/compiled-build.js';

// The same choice bin/matchcast.js makes, so this is the module instance the server runs.
const compiled = process.env.MATCHCAST_FROM_SOURCE !== '1' && compiledBuildIsFresh();
const tracingModule = compiled
  ? join(ROOT, 'dist', 'observability', 'tracing.js')
  : join(ROOT, 'src', 'observability', 'tracing.ts');
const { pauseTracing } = (await import(
  pathToFileURL(tracingModule).href
)) as typeof import('../../src/observability/tracing.ts');

let paused = false;
process.on('SIGUSR2', () => {
  paused = !paused;
  pauseTracing(paused);
});
