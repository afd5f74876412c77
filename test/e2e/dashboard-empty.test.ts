/**
 * The dashboard on a fresh install — the API is up but no pipeline has run: no artifact, no model. Every view
 * must say what is missing instead of failing or staying blank, without asking the API for what is not there.
 */
import { mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, chromiumAvailable, launchBrowser } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type DashboardApi, startDashboardApi } from './support/dashboard-api.ts';

const OUT_DIR = new URL('../../test-output/e2e/', import.meta.url).pathname;

describe.skipIf(!chromiumAvailable)('dashboard before the first pipeline run', () => {
  let api: DashboardApi;
  let browser: Browser;
  const pageErrors: string[] = [];

  const open = async (route: string): Promise<Page> => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      // A 4xx the view handles still logs "Failed to load resource": a fresh install must not ask for what it lacks.
      if (m.type() === 'error') pageErrors.push(`${route}: ${m.text()} (${m.location().url})`);
    });
    await page.goto(`${api.url}/#/${route}&key=${encodeURIComponent(api.apiKey)}`);
    return page;
  };

  beforeAll(async () => {
    await ensureUiBuilt();
    await mkdir(OUT_DIR, { recursive: true });
    api = await startDashboardApi(null);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('matches view: explains that there are no predictions yet', async () => {
    const page = await open('matches');
    await page.getByTestId('empty').waitFor();
    expect(await page.getByTestId('empty').textContent()).toContain('No predictions yet');
    expect(new URL(page.url()).hash).toBe('#/matches');
    await page.screenshot({ path: `${OUT_DIR}empty-matches.png` });
    await page.close();
  });

  it('model view: no registered model, no scored match', async () => {
    const page = await open('model');
    await page.getByTestId('promotion-history').waitFor();
    const body = page.locator('main');
    await expect.poll(() => body.textContent()).toContain('No model is registered yet');
    expect(await body.textContent()).toContain('No finished match with a scored prediction yet');
    await expect
      .poll(() => page.getByTestId('promotion-history').textContent())
      .toContain('No alias has moved yet');
    await page.screenshot({ path: `${OUT_DIR}empty-model.png` });
    await page.close();
  });

  it('track-record view: nothing graded, nothing chained, no backtest — each said in words', async () => {
    const page = await open('track-record');
    const record = page.getByTestId('tr-record');
    await expect.poll(() => record.textContent()).toContain('No graded prediction yet');
    expect(await record.textContent()).toContain('batch inference');
    await page.getByTestId('tr-head-none').waitFor();
    await expect
      .poll(() => page.getByTestId('tr-backtest').textContent())
      .toContain('No walk-forward backtest');
    await page.screenshot({ path: `${OUT_DIR}empty-track-record.png` });
    await page.close();
  });

  it('track-record view: the chain head says it is loading, then that it could not be read', async () => {
    // A page of its own: the failures it provokes are not console errors to report.
    const page = await browser.context.newPage();
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/predict\/track-record(\/head)?(\?.*)?$/, async (route) => {
      await released;
      await route.fulfill({ status: 503, json: { detail: 'down for the test' } });
    });
    await page.goto(`${api.url}/#/track-record&key=${encodeURIComponent(api.apiKey)}`);
    const verify = page.getByTestId('tr-verify');
    await expect.poll(() => verify.textContent()).toContain('Loading the chain head');
    release();
    await expect.poll(() => verify.textContent()).toContain('Could not load the chain head.');
    expect(await verify.textContent()).toContain('down for the test');
    expect(await verify.getByTestId('tr-head-none').count()).toBe(0);
    await page.close();
  });

  it('monitoring view: no drift report yet, queue and worker still shown', async () => {
    const page = await open('monitoring');
    await expect.poll(() => page.locator('main').textContent()).toContain('No drift report yet');
    await expect.poll(() => page.getByTestId('sources-panel').textContent()).toContain('No provider file');
    await page.getByTestId('queue-counts').waitFor();
    await page.getByTestId('workers-table').waitFor();
    await page.screenshot({ path: `${OUT_DIR}empty-monitoring.png` });
    await page.close();
  });

  it('shows no demo banner while no demo source is recorded', async () => {
    for (const route of ['matches', 'track-record', 'model', 'monitoring']) {
      const page = await open(route);
      // Once the answer the banner reads has arrived (it names no source here) and React has drawn it.
      await expect
        .poll(() =>
          page.evaluate(() =>
            performance
              .getEntriesByType('resource')
              .some((e) => e.name.endsWith('/predict/track-record/method')),
          ),
        )
        .toBe(true);
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      expect(await page.getByTestId('demo-banner').count(), route).toBe(0);
      await page.close();
    }
  });

  it('raised no uncaught error and logged no console error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
