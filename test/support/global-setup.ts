/**
 * Vitest global setup. In CI the server is compiled once (when stale) before any test runs, so the many CLI,
 * API, worker and scheduler processes the tests spawn start from dist/ (ADR 0005) instead of each paying the
 * TypeScript loader again. Locally the tests keep the sources, so an edit never waits for a build.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  if (!process.env.CI) return;
  const script = fileURLToPath(new URL('../../bin/build-if-stale.js', import.meta.url));
  execFileSync(process.execPath, [script, '--server-only'], { stdio: 'inherit' });
}
