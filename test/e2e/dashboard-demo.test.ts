/**
 * The dashboard on the demo world, as `npm start` leaves the store (pipeline/source.json names the demo): every
 * view says the world is simulated, with its seed and how to run on real data, and the notice keeps each view
 * within a 390 px phone and free of serious axe-core violations. Its absence when no demo source is recorded is
 * checked in dashboard-empty.test.ts.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, chromiumAvailable, launchBrowser, openDashboard } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type DashboardApi, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';
import { offScreen, problemsOfViews } from './support/layout.ts';

const OUT_DIR = new URL('../../test-output/e2e/', import.meta.url).pathname;
/** The seed `npm start` gives its world (DEMO_SEED in src/ingest/demo/generate-world.ts); any seed would do. */
const SEED = 42;

/** Each view with an element that shows it has drawn its content, not only its loading state. */
const VIEWS = [
  { route: 'matches', ready: 'match-row' },
  { route: 'track-record', ready: 'tr-record' },
  { route: 'model', ready: 'model-version-champion' },
  { route: 'monitoring', ready: 'drift-score' },
] as const;

describe.skipIf(!chromiumAvailable)('dashboard on the demo world', () => {
  let api: DashboardApi;
  let browser: Browser;
  const consoleErrors: string[] = [];

  const open = (): Promise<Page> => openDashboard(browser, api, '', consoleErrors);

  beforeAll(async () => {
    await ensureUiBuilt();
    await mkdir(OUT_DIR, { recursive: true });
    api = await startDashboardApi(await demoArtifacts({ matches: 300, nowMs: Date.now() }), {
      source: { kind: 'demo', seed: SEED },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('says on every view that the world is simulated, fits a 390 px phone and passes axe-core', async () => {
    const page = await open();
    const problems = await problemsOfViews(page, VIEWS, async (vp, view) => {
      const banner = page.getByTestId('demo-banner');
      await banner.waitFor();
      expect(await banner.count()).toBe(1);
      const text = await banner.textContent();
      expect(text).toContain(`simulated world (seed ${SEED})`);
      expect(text).toContain('invented');
      expect(text).toContain('virtual clock');
      expect(text).toContain('matchcast up --data');
      // Not dismissable: nothing in it to click away, so no screenshot of a view goes without it.
      expect(await banner.locator('button, a').count()).toBe(0);
      if (view.route === 'matches') await page.screenshot({ path: `${OUT_DIR}demo-banner-${vp.name}.png` });
      const cut = await offScreen(page, 'demo-banner', vp.width);
      return cut === null ? [] : [cut];
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tags the match detail, a modal over the banner, as demo', async () => {
    const page = await open();
    await page.getByTestId('match-row').first().click();
    const tag = page.getByTestId('match-detail').getByTestId('detail-demo');
    await tag.waitFor();
    expect(await tag.textContent()).toBe('demo');
    await page.close();
  });

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
