/**
 * The dashboard in Debian's Chromium against the real API app: rows load, filters and the ROI slider change
 * the rows and the ROI panel to exactly what the API's own data says, marks, match detail with a live
 * prediction through the queue, the model and monitoring views, and the wrong-key state. Screenshots of each
 * view go to test-output/e2e/; with UPDATE_SCREENSHOTS=1 the matches view is also copied to
 * docs/screenshots/matches.png (`npm run screenshots`).
 */
import { copyFile, mkdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParams, trackRecordRulesOf } from '../../src/config/params.ts';
import { type MatchResult, roiInterval } from '../../src/domain/staking.ts';
import { count, intervalTone, pct, pctInterval, signed, signedPct } from '../../src/ui/logic/format.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { type Browser, chromiumAvailable, launchBrowser } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type CardJson, scored, shownIds } from './support/cards-json.ts';
import { type DashboardApi, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';
import { firstRowCellsShown } from './support/layout.ts';
import { type RegionRoiJson, regionTableRows } from './support/region-table.ts';

const OUT_DIR = new URL('../../test-output/e2e/', import.meta.url).pathname;
const DOCS_SCREENSHOT = new URL('../../docs/screenshots/matches.png', import.meta.url).pathname;

/**
 * params.yaml's bootstrap as this API is given it: not the default, so the panel's interval matching it shows
 * the dashboard follows the server's setting.
 */
const BOOTSTRAP = { resamples: 500, seed: 7 } as const;

/** The ROI panel's figures, computed here from the API's cards, formatted as the panel shows them. */
function expectedRoi(cards: readonly CardJson[]) {
  let bets = 0;
  let hits = 0;
  let profit = 0;
  const results: MatchResult[] = [];
  const inKickoffOrder = [...cards].sort(
    (a, b) => Date.parse(a.start_time_utc) - Date.parse(b.start_time_utc) || a.match_id - b.match_id,
  );
  for (const c of inKickoffOrder) {
    if (!scored(c) || c.value_bet === null) continue;
    bets++;
    const won = c.value_bet.outcome === c.outcome;
    if (won) hits++;
    const gain = won ? c.value_bet.odd - 1 : -1;
    profit += gain;
    results.push({ staked: 1, profit: gain });
  }
  return {
    bets: count(bets),
    hitRate: pct(bets === 0 ? null : hits / bets),
    profit: signed(profit),
    roi: signedPct(bets === 0 ? null : (profit / bets) * 100),
    ci: pctInterval(roiInterval(results, BOOTSTRAP)),
  };
}

async function roiPanel(page: Page) {
  const ci = page.getByTestId('roi-ci');
  await expect.poll(() => ci.getAttribute('aria-busy')).toBe('false');
  return {
    bets: await page.getByTestId('roi-bets').textContent(),
    hitRate: await page.getByTestId('roi-hit-rate').textContent(),
    profit: await page.getByTestId('roi-profit').textContent(),
    roi: await page.getByTestId('roi-pct').textContent(),
    ci: await ci.textContent(),
  };
}

const rowCount = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'match' : 'matches'}`;

describe.skipIf(!chromiumAvailable)('dashboard in Chromium against the real API', () => {
  let api: DashboardApi;
  let browser: Browser;
  let cards: CardJson[];
  let regionRoi: RegionRoiJson[];
  const pageErrors: string[] = [];
  /** Console reports of anything the Content-Security-Policy blocked, on every page opened. */
  const cspViolations: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (message) => {
      if (/content security policy/i.test(message.text())) cspViolations.push(message.text());
    });
  };

  const getJson = <T>(path: string): Promise<T> => api.getJson<T>(path);

  /** A page that already holds the key (through the start-up link) and shows the matches view. */
  const openMatches = async (): Promise<Page> => {
    const page = await browser.context.newPage();
    watch(page);
    await page.goto(`${api.url}/#key=${encodeURIComponent(api.apiKey)}`);
    await page.getByTestId('match-row').first().waitFor();
    return page;
  };

  beforeAll(async () => {
    await ensureUiBuilt();
    await mkdir(OUT_DIR, { recursive: true });
    api = await startDashboardApi(await demoArtifacts({ matches: 2000, nowMs: Date.now() }), {
      trackRecordRules: {
        ...trackRecordRulesOf(loadParams()),
        bootstrapResamples: BOOTSTRAP.resamples,
        bootstrapSeed: BOOTSTRAP.seed,
      },
      // A simulated world, said so as `npm start` says it: the README's screenshot comes from this test.
      source: { kind: 'demo', seed: 42 },
    });
    browser = await launchBrowser();
    cards = await getJson<CardJson[]>('/predict/cards/');
    regionRoi = await getJson<RegionRoiJson[]>('/predict/region-roi/');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('has data worth testing: several regions with different ROI, scored and upcoming matches', () => {
    expect(cards.length).toBe(2000);
    const rois = regionRoi.flatMap((r) => (r.roi_pct === null ? [] : [r.roi_pct]));
    expect(new Set(rois.map((r) => r.toFixed(3))).size).toBeGreaterThanOrEqual(3);
    expect(cards.some((c) => scored(c) && c.prediction_correct === true)).toBe(true);
    expect(cards.some((c) => c.outcome === null)).toBe(true);
  });

  it('explains a wrong key instead of showing a blank page', async () => {
    const page = await browser.context.newPage();
    watch(page);
    await page.goto(`${api.url}/#key=not-the-key`);
    await expect(page.getByTestId('key-rejected').textContent()).resolves.toContain('rejected');
    // The prompt is all there is to do: its input has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('key-input');
    expect(new URL(page.url()).hash).toBe('');
    await page.screenshot({ path: `${OUT_DIR}wrong-key.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // Entering the right key recovers without a reload.
    await page.getByTestId('key-input').fill(api.apiKey);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await page.getByTestId('match-row').first().waitFor();
    await page.close();
  });

  it('loads the matches view from the start-up link, keeps the key and clears it from the URL', async () => {
    const page = await openMatches();
    expect(await page.getByTestId('row-count').textContent()).toBe(rowCount(cards.length));
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate(() => localStorage.getItem('matchcast.apiKey'))).toBe(api.apiKey);
    // Windowed: a couple of dozen rows in the DOM, not 2,000.
    const rendered = await page.getByTestId('match-row').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    expect(await roiPanel(page)).toEqual(expectedRoi(cards));
    await page.getByTestId('profit-chart').waitFor();
    // The picture for the README: a few days around today, so upcoming and settled matches both show.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('period-filter').selectOption('custom');
    await page.getByLabel('From day').fill(day(-3));
    await page.getByLabel('To day').fill(day(1));
    await page.getByLabel('To day').blur();
    // Upcoming first, then results: scroll to where the upcoming matches end and the settled ones begin.
    const windowStart = Date.parse(`${day(-3)}T00:00:00Z`);
    const windowEnd = Date.parse(`${day(2)}T00:00:00Z`);
    const inWindow = cards.filter((c) => {
      const t = Date.parse(c.start_time_utc);
      return t >= windowStart && t < windowEnd;
    });
    // Wait for the filter to land first: a new filter scrolls the list back to the top.
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(rowCount(inWindow.length));
    const upcoming = inWindow.filter((c) => c.outcome === null).length;
    await page.locator('.vlist').evaluate((el, top) => el.scrollTo(0, top), Math.max(0, upcoming - 4) * 40);
    await page.getByTestId('mark-right').first().waitFor();
    await page.screenshot({ path: `${OUT_DIR}matches.png` });
    // The README's picture is refreshed on purpose (`npm run screenshots`), never by a test run.
    if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(`${OUT_DIR}matches.png`, DOCS_SCREENSHOT);
    // A reload needs no link: the key is remembered.
    await page.reload();
    await page.getByTestId('match-row').first().waitFor();
    await page.close();
  });

  it('filters by region and recomputes the ROI panel to the API’s numbers', async () => {
    const page = await openMatches();
    // The region table: most bets first (sorted by ROI, it opened on its luckiest small region), and a ROI
    // coloured only when its interval lies wholly on one side of zero.
    const shown = await regionTableRows(page);
    expect(shown.map((r) => r.bets)).toEqual([...shown.map((r) => r.bets)].sort((a, b) => b - a));
    expect(Object.fromEntries(shown.map((r) => [r.name, r.tone]))).toEqual(
      Object.fromEntries(regionRoi.map((r) => [r.region_name, `num ${intervalTone(r.roi_ci95)}`])),
    );
    const region = regionRoi.find((r) => r.region_id === 3)!;
    await page.getByTestId('region-filter').selectOption(String(region.region_id));
    const inRegion = cards.filter((c) => c.region_id === region.region_id);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(rowCount(inRegion.length));
    expect(await roiPanel(page)).toEqual(expectedRoi(inRegion));
    const regionIds = new Set(inRegion.map((c) => c.match_id));
    expect((await shownIds(page)).every((id) => regionIds.has(id))).toBe(true);

    // Finished only, within the region.
    await page.getByTestId('status-filter').getByRole('button', { name: 'Finished' }).click();
    const finished = inRegion.filter((c) => c.outcome !== null);
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(rowCount(finished.length));

    // Laptop widths, the side column beside the list: the first row's result (score and mark) and value bet
    // (with its second line) lie inside the list, neither cut off nor clipped; on a phone its odds too.
    for (const [width, cells] of [
      [1280, ['.c-result', '.c-value']],
      [1366, ['.c-result', '.c-value']],
      [390, ['.c-result', '.c-value', '.c-odds', '.c-pick']],
    ] as const) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => firstRowCellsShown(page, cells)).toBe(true);
      expect(await page.getByTestId('match-row').first().locator('.c-result').textContent()).toMatch(
        /^\d+–\d+ [✓✗·]$/,
      );
    }
    await page.close();
  });

  it('hides regions below the min-ROI slider, rows and ROI panel alike', async () => {
    const page = await openMatches();
    const rois = regionRoi.flatMap((r) => (r.roi_pct === null ? [] : [r.roi_pct])).sort((a, b) => a - b);
    // The first whole percent (the slider's step) above the worst region's ROI: that region disappears.
    const threshold = Math.floor(rois[0]!) + 1;
    await page.getByTestId('roi-slider').evaluate((el, v) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, threshold);
    const kept = new Set(
      regionRoi.filter((r) => r.roi_pct !== null && r.roi_pct >= threshold).map((r) => r.region_id),
    );
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.size).toBeLessThan(regionRoi.length);
    const visible = cards.filter((c) => kept.has(c.region_id));
    await expect.poll(() => page.getByTestId('row-count').textContent()).toBe(rowCount(visible.length));
    expect(await roiPanel(page)).toEqual(expectedRoi(visible));
    expect(await page.getByTestId('roi-slider-value').textContent()).toContain(`${threshold}%`);
    // The warning counts the regions that had a ROI to be chosen by.
    expect(await page.getByTestId('roi-selection-warning').textContent()).toContain(
      `keeps ${kept.size} of ${rois.length} regions`,
    );
    await page.screenshot({ path: `${OUT_DIR}matches-roi-slider.png` });
    await page.close();
  });

  it('marks a finished match the model got right, and opens its detail with a live prediction', async () => {
    const page = await openMatches();
    const right = cards.find((c) => scored(c) && c.prediction_correct === true && c.value_bet !== null)!;
    await page.getByTestId('team-search').fill(`${right.home_team_name} ${right.away_team_name}`);
    const row = page.locator(`[data-testid="match-row"][data-match-id="${right.match_id}"]`);
    await row.waitFor();
    await expect(row.getByTestId('mark-right').count()).resolves.toBe(1);
    await row.click();
    const detail = page.getByTestId('match-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('Bookmaker (no margin)');
    expect(await page.getByTestId('prediction-source').textContent()).toMatch(
      /walk-forward backtest|logged before kick-off/,
    );
    // A live answer for a finished match is hindsight (today's model may have seen the result): said so.
    expect(await page.getByTestId('live-hindsight').textContent()).toContain('not a forecast');
    // Only the stages the registry holds are offered.
    await expect
      .poll(() => page.getByTestId('live-stage').locator('option').allTextContents())
      .toEqual(['champion', 'challenger', 'candidate']);
    await page.getByTestId('predict-live').click();
    // Should it not come, the failure says what the panel showed instead (still waiting, or which error).
    await page
      .getByTestId('live-result')
      .waitFor({ timeout: 45_000 })
      .catch(async (error: Error) => {
        throw new Error(
          `${error.message}\nlive panel: ${await page.getByTestId('live-panel').textContent()}`,
        );
      });
    expect(await page.getByTestId('live-latency').textContent()).toMatch(/^\d+ ms$/);
    await page.screenshot({ path: `${OUT_DIR}match-detail.png` });
    expect(await seriousAxeViolations(page)).toEqual([]);
    // An API refusal reads in plain words: what happened and what to do, no status code.
    await page.route('**/predict/async/', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: JSON.stringify({ code: 'STAGE_NOT_SERVED', detail: 'no model version is candidate' }),
      }),
    );
    await page.getByTestId('live-stage').selectOption('candidate');
    await page.getByTestId('predict-live').click();
    await expect
      .poll(() => detail.getByRole('alert').textContent())
      .toBe('No model version is candidate any more, so it cannot predict. Choose another stage.');
    await page.unroute('**/predict/async/');
    // A modal dialog named by its match: Tab stays inside it, Escape closes it and gives the row its focus back.
    expect(
      await page
        .getByRole('dialog', { name: `${right.home_team_name} – ${right.away_team_name}` })
        .isVisible(),
    ).toBe(true);
    const focusInDetail = () => detail.evaluate((d) => d.contains(document.activeElement));
    await page.getByRole('button', { name: 'Close' }).focus();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'Shift+Tab' : 'Tab');
      expect(await focusInDetail()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'detached' });
    expect(await row.evaluate((r) => r === document.activeElement)).toBe(true);
    await page.close();
  });

  it('shows every registered stage with metrics, a stale training window flagged, and a calibration plot', async () => {
    const page = await openMatches();
    await page.getByTestId('nav-model').click();
    await expect(page.getByTestId('model-version-champion').textContent()).resolves.toContain('v1');
    await expect(page.getByTestId('model-version-challenger').textContent()).resolves.toContain('v2');
    await expect(page.getByTestId('model-version-candidate').textContent()).resolves.toContain('v3');
    expect(await page.getByTestId('metric-row').count()).toBe(6);
    // The challenger's data ends over five weeks before the newest result: flagged, by the rule printed under it.
    await expect
      .poll(() => page.getByTestId('stale-challenger').textContent())
      .toMatch(/^stale: \d+ days behind the newest result$/);
    expect(await page.getByTestId('stale-champion').count()).toBe(0);
    expect(await page.getByTestId('trained-champion').textContent()).toMatch(/matches, \d{4}-\d\d-\d\d → /);
    expect(await page.getByTestId('stale-rule').textContent()).toContain(
      'more than 28 days before the newest finished match',
    );
    expect(await page.getByTestId('feature-list').locator('li').count()).toBe(4);
    await page.getByTestId('calibration-chart').waitFor();
    expect(await page.getByTestId('calibration-chart').locator('circle').count()).toBeGreaterThan(6);
    // The promotion history, as the registry recorded it: the champion alias moved to v1.
    const history = page.getByTestId('promotion-table');
    await history.waitFor();
    const moves = await history.locator('tbody tr').allTextContents();
    expect(moves.some((row) => row.includes('champion') && row.includes('v1'))).toBe(true);
    await page.screenshot({ path: `${OUT_DIR}model.png`, fullPage: true });
    await page.close();
  });

  it('shows drift per feature, queue counts and the live worker', async () => {
    const page = await openMatches();
    await page.getByTestId('nav-monitoring').click();
    await expect(page.getByTestId('drift-score').textContent()).resolves.toBe('25.0%');
    expect(await page.getByTestId('drift-chart').locator('rect').count()).toBe(4);
    // The dashed line and the caption come from the rule the report states.
    await expect(page.getByTestId('drift-rule').textContent()).resolves.toMatch(
      /PSI of 0\.2 or more .*p below 0\.01/,
    );
    // The rolling log loss with what it averages.
    expect(await page.getByTestId('rolling-n').textContent()).toMatch(
      /^n = 600 finished matches since \d{4}-\d\d-\d\d$/,
    );
    await page.getByTestId('queue-counts').waitFor();
    await expect(page.getByTestId('workers-table').textContent()).resolves.toContain('e2e-worker');
    await page.screenshot({ path: `${OUT_DIR}monitoring.png`, fullPage: true });
    // The API goes away: at the next refresh (5 s) every panel keeps its data, marked as no longer current.
    await page.route('**/monitoring/**', (route) => route.abort());
    for (const panel of ['queue-panel', 'workers-panel', 'drift-panel', 'sources-panel']) {
      await expect
        .poll(() => page.getByTestId(panel).getByTestId('refresh-failed').textContent(), { timeout: 10_000 })
        .toMatch(/^Not updated since \d\d:\d\d:\d\d: the refresh failed/);
    }
    expect(await page.getByTestId('workers-panel').locator('.stale-data').textContent()).toContain(
      'e2e-worker',
    );
    await page.close();
  });

  it('serves the Swagger UI at /docs under its own policy', async () => {
    const page = await browser.context.newPage();
    watch(page);
    const response = await page.goto(`${api.url}/docs`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await page.close();
  });

  it('raised no uncaught error in the page', () => {
    expect(pageErrors).toEqual([]);
  });

  it('loads under a Content-Security-Policy without a single violation', async () => {
    const res = await fetch(`${api.url}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self';\s*script-src-attr 'none'/);
    // Until React mounts, the page says it is loading: plain markup, nothing inline for the policy to block.
    expect(await res.text()).toMatch(/<div id="root"><p class="boot">Loading Matchcast…<\/p><\/div>/);
    expect(cspViolations).toEqual([]);
  });
});
