/**
 * Vitest global setup. In CI the server is compiled once (when stale) before any test runs, so the many CLI,
 * API, worker and scheduler processes the tests spawn start from dist/ (ADR 0005) instead of each paying the
 * TypeScript loader again. Locally the tests keep the sources, so an edit never waits for a build.
 *
 * Every run also gets one folder for the migrated PGlite template (pglite-template.ts), shared by the workers
 * and removed at the end; the template itself is made by the first test that needs it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
// For the ProvidedContext key only.
import type {} from './pglite-template.ts';

export default function setup(project: TestProject): () => void {
  const templateRoot = mkdtempSync(join(tmpdir(), 'mc-pglite-template-'));
  project.provide('pgliteTemplateRoot', templateRoot);
  if (process.env.CI) {
    const script = fileURLToPath(new URL('../../bin/build-if-stale.js', import.meta.url));
    execFileSync(process.execPath, [script, '--server-only'], { stdio: 'inherit' });
  }
  return () => rmSync(templateRoot, { recursive: true, force: true });
}
