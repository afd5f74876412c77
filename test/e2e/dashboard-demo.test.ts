/**
 * The dashboard on the demo world, as `npm start` leaves the store (pipeline/source.json names the demo): every
 * view says the world is simulated, with its seed and how to run on real data, and the notice keeps each view
 * within a 390 px phone and free of serious axe-core violations. Its absence when no demo source is recorded is
 * checked in dashboard-empty.test.ts.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/axe.ts';
import { type Browser, chromiumAvailable, launchBrowser } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type DashboardApi, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';
import { offScreen, VIEWPORTS } from './support/layout.ts';

const OUT_DIR = new URL('../../test-output/e2e/', import.meta.url).pathname;
/** The seed `npm start` gives its world (DEMO_SEED in src/cli/commands/start.ts); any seed would do. */
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

  const open = async (): Promise<Page> => {
    const page = await browser.context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${api.url}/#key=${encodeURIComponent(api.apiKey)}`);
    return page;
  };

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
    const problems: string[] = [];
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      for (const view of VIEWS) {
        await page.getByTestId(`nav-${view.route}`).click();
        await page.getByTestId(view.ready).first().waitFor();
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
        const cut = await offScreen(page, 'demo-banner', vp.width);
        if (cut !== null) problems.push(`${vp.name} ${view.route}: ${cut}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > vp.width) problems.push(`${vp.name} ${view.route}: page is ${width} px wide`);
        for (const v of await seriousAxeViolations(page)) problems.push(`${vp.name} ${view.route}: ${v}`);
      }
      await page.screenshot({ path: `${OUT_DIR}demo-banner-${vp.name}.png` });
    }
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
