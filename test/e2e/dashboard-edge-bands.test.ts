/**
 * "Do larger edges pay?" in Debian's Chromium against the real API app: the track record view's by-edge table,
 * for the published record and for the backtest, row for row as the API's `by_edge` sends it, coloured by the
 * interval rule; the note under the matches' sort, from the backtest's `by_edge`, only while the list is sorted
 * by edge; both within a 390 px phone and free of serious axe-core violations.
 */
import { mkdir } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeBandLabel } from '../../src/domain/edge-bands.ts';
import { edgeBandsAgainstChance } from '../../src/domain/track-record.ts';
import { decodeTrackRecord, type TrackRecordView } from '../../src/ui/api/track-record.ts';
import { edgeSortNote } from '../../src/ui/logic/edge-record.ts';
import { count, intervalTone, pctInterval, signedPct } from '../../src/ui/logic/format.ts';
import { clvCountText } from '../../src/ui/logic/track-record.ts';
import { type Browser, chromiumAvailable, launchBrowser, openDashboard } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type DashboardApi, MODEL_NAME, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';
import { offScreen, problemsOfViews, toneOf } from './support/layout.ts';
import { seedTrackRecord } from './support/track-record-data.ts';

const OUT_DIR = new URL('../../test-output/e2e/', import.meta.url).pathname;
const pctOf = (v: number | null) => (v === null ? null : 100 * v);
const pctCi = (ci: readonly [number, number] | null) =>
  ci === null ? null : ([100 * ci[0], 100 * ci[1]] as const);

describe.skipIf(!chromiumAvailable)('dashboard: do larger edges pay?', () => {
  let api: DashboardApi;
  let browser: Browser;
  let published: TrackRecordView;
  let backtest: TrackRecordView;
  const consoleErrors: string[] = [];

  const open = (fragment: string): Promise<Page> => openDashboard(browser, api, fragment, consoleErrors);

  beforeAll(async () => {
    await ensureUiBuilt();
    await mkdir(OUT_DIR, { recursive: true });
    api = await startDashboardApi(await demoArtifacts({ matches: 600, nowMs: Date.now() }), {
      seed: (db) => seedTrackRecord(db, MODEL_NAME),
    });
    browser = await launchBrowser();
    published = decodeTrackRecord(await api.getJson('/predict/track-record'));
    backtest = decodeTrackRecord(await api.getJson('/predict/track-record/backtest'));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** The table inside `panel` shows `record.by_edge` row for row, each figure coloured by its interval. */
  async function showsByEdge(panel: Locator, record: TrackRecordView) {
    const edges = panel.getByTestId('tr-edges');
    const rows = edges.getByTestId('tr-edge-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(record.by_edge.length);
    for (const [i, b] of record.by_edge.entries()) {
      const row = rows.nth(i);
      const text = (id: string) => row.getByTestId(id).textContent();
      expect(await text('tr-edge-band')).toBe(edgeBandLabel(b));
      expect(await text('tr-edge-bets')).toBe(count(b.roi.flat.n_bets));
      expect(await text('tr-edge-mean')).toBe(signedPct(pctOf(b.edge_mean)));
      expect(await text('tr-edge-roi')).toBe(signedPct(b.roi.flat.roi_pct));
      expect(await text('tr-edge-roi-ci')).toBe(pctInterval(b.roi.flat.ci95));
      expect(await text('tr-edge-clv')).toBe(signedPct(pctOf(b.clv.mean), 2));
      expect(await text('tr-edge-clv-ci')).toBe(pctInterval(pctCi(b.clv.ci95), 2));
      expect(await toneOf(row.getByTestId('tr-edge-roi'))).toBe(intervalTone(b.roi.flat.ci95));
      expect(await toneOf(row.getByTestId('tr-edge-clv'))).toBe(intervalTone(b.clv.ci95));
    }
    expect(await edges.getByTestId('tr-edge-chance').textContent()).toBe(
      edgeBandsAgainstChance(record.by_edge_multiplicity),
    );
    // Why its CLV counts fewer bets than its ROI, under its figures.
    const clvCount = clvCountText(record);
    if (clvCount === null) expect(await panel.getByTestId('tr-clv-count').count()).toBe(0);
    else expect(await panel.getByTestId('tr-clv-count').textContent()).toBe(clvCount);
  }

  it('shows the published record and the backtest by edge, as the API sends them', async () => {
    // The fixture bets in both, over the four default bands.
    expect(published.roi.flat.n_bets).toBeGreaterThan(5);
    expect(backtest.roi.flat.n_bets).toBeGreaterThan(5);
    expect(published.by_edge.length).toBe(4);
    // The closing-only league's bets are taken at the close: the backtest's CLV counts fewer bets than its ROI.
    expect(clvCountText(backtest)).toContain('taken at the close');
    const page = await open('/track-record');
    await showsByEdge(page.getByTestId('tr-record'), published);
    await showsByEdge(page.getByTestId('tr-backtest'), backtest);
    await page.close();
  });

  it('notes what the backtest says about larger edges only while the matches are sorted by edge', async () => {
    const note = edgeSortNote(backtest, 'desc');
    expect(note).not.toBeNull();
    expect(note).toContain('walk-forward backtest over every league');
    const page = await open('/matches');
    await page.getByTestId('match-row').first().waitFor();
    const shown = page.getByTestId('edge-sort-note');
    await page.getByTestId('order-select').selectOption('edge-desc');
    await expect.poll(() => shown.textContent()).toBe(note);
    // Any other order: no note (the record is read by now, so its absence is the order's doing).
    for (const other of ['confidence-desc', 'schedule-asc', 'kickoff-desc']) {
      await page.getByTestId('order-select').selectOption(other);
      await shown.waitFor({ state: 'detached' });
    }
    // Smallest edges first (the column title, clicked twice) is an edge sort too.
    await page.getByTestId('sort-edge').click();
    await page.getByTestId('sort-edge').click();
    await expect.poll(() => new URL(page.url()).hash).toContain('sort=edge-asc');
    // Listing its bands smallest first, as the list now runs.
    expect(await shown.textContent()).toBe(edgeSortNote(backtest, 'asc'));
    await page.close();
  });

  it('fits a 390 px phone and passes axe-core with the table and the note', async () => {
    const page = await open('/matches?sort=edge-desc');
    const views = [
      { route: 'matches', ready: 'edge-sort-note' },
      { route: 'track-record', ready: 'tr-edge-table' },
    ] as const;
    const problems = await problemsOfViews(page, views, async (vp, view) => {
      const id = view.route === 'matches' ? 'edge-sort-note' : 'tr-edge-clv-ci';
      await page.getByTestId(view.ready).first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUT_DIR}${vp.name}-edge-${view.route}.png` });
      const cut = await offScreen(page, id, vp.width);
      return cut === null ? [] : [cut];
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
