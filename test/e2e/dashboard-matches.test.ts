/**
 * The matches view as it lives on in a tab, in Debian's Chromium against the real API app: the open match's
 * detail in the URL (a reload and a shared link reopen it, Back and Close shut it, an unknown id leaves the
 * URL); the refresh (a conditional GET answered 304, a new time, filter, scroll and detail untouched); an API
 * outage (the rows stay under a "not updated since" note, Retry clears it); and lazily loaded chunks that
 * failed (each part says so, then loads once the detail is opened again or Try again is pressed).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, chromiumAvailable, launchBrowser } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import type { CardJson } from './support/cards-json.ts';
import { type DashboardApi, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';

/** MATCHES_REFRESH_MS in src/ui/views/matches/load.ts. */
const REFRESH_MS = 120_000;

describe.skipIf(!chromiumAvailable)('matches view: detail in the URL, refresh, outages', () => {
  let api: DashboardApi;
  let browser: Browser;
  let cards: CardJson[];
  /** Uncaught errors only: the outages make the console report failed requests, as they should. */
  const pageErrors: string[] = [];

  const open = async (fragment: string, before?: (page: Page) => Promise<void>): Promise<Page> => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await before?.(page);
    const sep = fragment.includes('?') ? '&' : '?';
    await page.goto(`${api.url}/#${fragment}${sep}key=${encodeURIComponent(api.apiKey)}`);
    await page.getByTestId('match-row').first().waitFor();
    return page;
  };
  const hashOf = (page: Page) => new URL(page.url()).hash;

  beforeAll(async () => {
    await ensureUiBuilt();
    api = await startDashboardApi(await demoArtifacts({ matches: 300, nowMs: Date.now() }));
    browser = await launchBrowser();
    cards = await api.getJson<CardJson[]>('/predict/cards/');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  describe('with a monitoring key of its own', () => {
    // MONITORING_API_KEY set: the dashboard's key is refused there, and each poll would count as a wrong-key guess.
    // Started here, not in the test: under CI load a second API's start ate much of the test's own time.
    let guarded: DashboardApi;
    beforeAll(async () => {
      guarded = await startDashboardApi(await demoArtifacts({ matches: 50, nowMs: Date.now() }), {
        monitoringApiKey: 'monitoring-only-key',
      });
    });
    afterAll(async () => {
      await guarded?.close();
    });

    it('stops polling the monitoring routes once their own key refuses the dashboard', async () => {
      const page = await browser.context.newPage();
      // Closed before the API is, whatever happens: an open page keeps its connections to it.
      try {
        await page.clock.install();
        const asked: string[] = [];
        page.on('request', (r) => {
          if (new URL(r.url()).pathname.startsWith('/monitoring/')) asked.push(new URL(r.url()).pathname);
        });
        await page.goto(`${guarded.url}/#/monitoring?key=${encodeURIComponent(guarded.apiKey)}`);
        await expect.poll(() => page.getByTestId('queue-panel').textContent()).toMatch(/X-API-Key/);
        const before = asked.length;
        // Two minutes of 5 s and 60 s polls.
        await page.clock.fastForward(120_000);
        await page.waitForTimeout(200);
        expect(asked.length).toBe(before);
      } finally {
        await page.close();
      }
    });
  });

  it('keeps the open match in the URL: a reload and a shared link reopen its detail, Back closes it', async () => {
    const page = await open('/matches?status=finished');
    const row = page.getByTestId('match-row').first();
    const id = Number(await row.getAttribute('data-match-id'));
    const detail = page.getByTestId('match-detail');
    const detailOf = (p: Page) => p.getByTestId('detail-kickoff').textContent();
    await row.click();
    await detail.waitFor();
    expect(hashOf(page)).toBe(`#/matches?status=finished&match=${id}`);
    await page.reload();
    await expect.poll(() => detailOf(page)).toContain(`match ${id}`);
    // Closed: gone from the URL, the filter kept.
    await page.getByRole('button', { name: 'Close' }).click();
    await detail.waitFor({ state: 'detached' });
    await expect.poll(() => hashOf(page)).toBe('#/matches?status=finished');
    // Opening adds a history entry, so Back closes the detail rather than leaving the view.
    await page.getByTestId('match-row').first().click();
    await detail.waitFor();
    await page.goBack();
    await detail.waitFor({ state: 'detached' });
    expect(hashOf(page)).toBe('#/matches?status=finished');
    await page.close();

    const shared = await open(`/matches?match=${id}`);
    await expect.poll(() => detailOf(shared)).toContain(`match ${id}`);
    await shared.close();
    // A match the cards do not hold: no detail, and the URL says so.
    const unknown = Math.max(...cards.map((c) => c.match_id)) + 1;
    const gone = await open(`/matches?status=finished&match=${unknown}`);
    await expect.poll(() => hashOf(gone)).toBe('#/matches?status=finished');
    expect(await gone.getByTestId('match-detail').count()).toBe(0);
    await gone.close();
  });

  it('refreshes by a conditional GET, keeping filter, scroll and detail, and keeps the rows through an outage', async () => {
    const cardAnswers: number[] = [];
    // Time runs as usual, but the test can skip ahead to the next refresh.
    const page = await open('/matches?status=finished', async (p) => {
      await p.clock.install();
      p.on('response', (r) => {
        if (new URL(r.url()).pathname === '/predict/cards/') cardAnswers.push(r.status());
      });
    });
    const updated = page.getByTestId('updated');
    const firstLoad = await updated.textContent();
    expect(firstLoad).toMatch(/^updated \d\d:\d\d:\d\d UTC$/);
    const list = page.locator('.vlist');
    await list.evaluate((el) => el.scrollTo(0, 400));
    const id = await page.getByTestId('match-row').nth(12).getAttribute('data-match-id');
    await page.locator(`[data-match-id="${id}"]`).click();
    const detail = page.getByTestId('match-detail');
    await detail.waitFor();
    const hash = hashOf(page);
    expect(hash).toBe(`#/matches?status=finished&match=${id}`);
    const rowCount = await page.getByTestId('row-count').textContent();
    const asBefore = async () => {
      expect(await page.getByTestId('row-count').textContent()).toBe(rowCount);
      expect(await list.evaluate((el) => el.scrollTop)).toBe(400);
      expect(await detail.isVisible()).toBe(true);
      expect(hashOf(page)).toBe(hash);
    };

    // Nothing changed on the server: a 304, a new time, and everything else as it was.
    await page.clock.fastForward(REFRESH_MS);
    await expect.poll(() => cardAnswers).toEqual([200, 304]);
    await expect.poll(() => updated.textContent()).not.toBe(firstLoad);
    await asBefore();

    // The API stops answering: rows and detail stay, under a note saying since when they are not current.
    const bulk = /\/predict\/(cards|region-roi)\/$/;
    await page.route(bulk, (route) => route.abort());
    await page.clock.fastForward(REFRESH_MS);
    const note = page.getByTestId('refresh-failed');
    await expect
      .poll(() => note.textContent())
      .toMatch(/^Not updated since \d\d:\d\d:\d\d: the refresh failed \(The API did not answer/);
    expect(await page.locator('.matches-layout.stale-data').count()).toBe(1);
    // Inside the open detail, where it can be read and its Retry reached (the list behind the modal is inert).
    expect(await detail.getByTestId('refresh-failed').count()).toBe(1);
    await asBefore();

    // The API is back: Retry clears the note.
    await page.unroute(bulk);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await note.getByRole('button', { name: 'Retry' }).click();
    await note.waitFor({ state: 'detached' });
    expect(await page.locator('.stale-data').count()).toBe(0);
    await page.close();
  });

  it('keeps the page when a lazily loaded chunk cannot be fetched, and loads it once asked again', async () => {
    const chunks = /\/assets\/(line-chart|match-history)-[^/]*\.js$/;
    const page = await open('/matches', async (p) => {
      await p.route(chunks, (route) => route.fulfill({ status: 404, body: 'not found' }));
    });
    // The ROI panel's profit chart: the panel says so, the list stays.
    const panel = page.getByTestId('roi-panel');
    await expect
      .poll(() => panel.getByTestId('error-boundary').textContent())
      .toContain('Could not show the profit chart');
    expect(await page.getByTestId('roi-bets').isVisible()).toBe(true);
    const row = page.getByTestId('match-row').first();
    await row.click();
    const detail = page.getByTestId('match-detail');
    await expect
      .poll(() => detail.getByTestId('error-boundary').textContent())
      .toContain("Could not show the match's history charts");
    expect(await detail.getByRole('button', { name: 'Reload' }).count()).toBe(1);
    // The rest of the detail works.
    await detail.getByTestId('live-panel').waitFor();

    // The server answers again: the detail opened anew, and the panel's Try again, fetch their chunk again.
    await page.unroute(chunks);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await row.click();
    await detail.getByTestId('match-history').waitFor();
    expect(await detail.getByTestId('error-boundary').count()).toBe(0);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Try again' }).click();
    await page.getByTestId('profit-chart').waitFor();
    expect(await panel.getByTestId('error-boundary').count()).toBe(0);
    await page.close();
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
