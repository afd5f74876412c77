/**
 * The dashboard's shareable, portable side in Debian's Chromium against the real API app: the default order,
 * local times switchable to UTC, filters kept in the URL through a reload and a shared link, CSV export equal to
 * the table in view, and every view on a desktop and a 390×844 phone viewport — nothing wider than the screen,
 * no serious or critical axe-core violation, no console error. Screenshots go to test-output/e2e/ (gitignored).
 */
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaguesAgainstChance } from '../../src/domain/track-record.ts';
import { decodeTrackRecord } from '../../src/ui/api/track-record.ts';
import { valueBetRecordText } from '../../src/ui/logic/card-figures.ts';
import { count, pctInterval, signed, signedPct } from '../../src/ui/logic/format.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { type Browser, chromiumAvailable, launchBrowser } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type CardJson, defaultOrder, kickoff, shownIds } from './support/cards-json.ts';
import { type DashboardApi, MODEL_NAME, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';
import { inkedPixels, offScreen, problemsOfViews, toneOf, VIEWPORTS } from './support/layout.ts';
import { seedSources } from './support/source-health-data.ts';
import { seedTrackRecord, type TrackRecordJson } from './support/track-record-data.ts';

const OUT_DIR = new URL('../../test-output/e2e/', import.meta.url).pathname;
/** Refreshed on purpose only (`npm run screenshots`). */
const DOCS_TRACK_RECORD = new URL('../../docs/screenshots/track-record.png', import.meta.url).pathname;
/** A zone without daylight saving, far from UTC, so a wrong zone shows. */
const ZONE = 'Asia/Kolkata';
const ZONE_OFFSET_MS = 5.5 * 3_600_000;

const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

describe.skipIf(!chromiumAvailable)('dashboard views, URL state, export, layout and accessibility', () => {
  let api: DashboardApi;
  let browser: Browser;
  let cards: CardJson[];
  const consoleErrors: string[] = [];
  /** The paths each page asked the server for, from before its first script ran. */
  const requested = new WeakMap<Page, string[]>();

  const open = async (fragment = ''): Promise<Page> => {
    const page = await browser.context.newPage();
    const paths: string[] = [];
    requested.set(page, paths);
    page.on('request', (r) => paths.push(new URL(r.url()).pathname));
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const sep = fragment.includes('?') ? '&' : '?';
    await page.goto(
      `${api.url}/#${fragment === '' ? '' : `${fragment}${sep}`}key=${encodeURIComponent(api.apiKey)}`,
    );
    return page;
  };

  beforeAll(async () => {
    await ensureUiBuilt();
    await mkdir(OUT_DIR, { recursive: true });
    api = await startDashboardApi(await demoArtifacts({ matches: 600, nowMs: Date.now() }), {
      seed: async (db) => {
        await seedTrackRecord(db, MODEL_NAME);
        await seedSources(db, Date.now());
      },
      // Simulated, and said so: docs/screenshots/track-record.png comes from this test.
      source: { kind: 'demo', seed: 42 },
    });
    browser = await launchBrowser({ timezoneId: ZONE });
    cards = await api.getJson<CardJson[]>('/predict/cards/');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lists upcoming matches soonest first, then results newest first, in local time', async () => {
    expect(cards.some((c) => c.outcome === null)).toBe(true);
    const page = await open();
    await page.getByTestId('match-row').first().waitFor();
    const ids = await shownIds(page);
    expect(ids).toEqual(defaultOrder(cards).slice(0, ids.length));
    const first = cards.find((c) => c.match_id === ids[0])!;
    const firstTime = page.getByTestId('match-row').first().locator('.c-time');
    expect(await firstTime.textContent()).toBe(minute(kickoff(first) + ZONE_OFFSET_MS));
    // Chromium may spell the zone by its older name.
    expect(await page.getByTestId('sort-kickoff').textContent()).toMatch(/Asia\/(Kolkata|Calcutta)/);
    // Switched to UTC: the same row reads UTC, and the choice is in the URL and survives a reload.
    await page.getByTestId('tz-switch').selectOption('utc');
    expect(await firstTime.textContent()).toBe(minute(kickoff(first)));
    expect(new URL(page.url()).hash).toContain('tz=utc');
    await page.reload();
    await page.getByTestId('match-row').first().waitFor();
    expect(await page.getByTestId('match-row').first().locator('.c-time').textContent()).toBe(
      minute(kickoff(first)),
    );
    // Every mark is explained, and ✓/✗ say they grade the model's pick.
    expect(await page.getByTestId('marks-legend').textContent()).toMatch(
      /pick.*right \/ wrong.*not the value bet/,
    );
    // The value-bet rule as the server applies it (params.yaml betting), and what a flagged edge means.
    await expect
      .poll(() => page.getByTestId('legend-value').textContent())
      .toMatch(/edge p·odd − 1 is at least 5% and at most 25%/);
    expect(await page.getByTestId('legend-far').textContent()).toMatch(/far from market.*above 25%/);
    // The history rule as the server reads it (params.yaml train.min_matches_played).
    await expect
      .poll(() => page.getByTestId('legend-far').textContent())
      .toMatch(/little history.*fewer than 5 earlier matches/);
    await page.close();
  });

  it('keeps the filters in the URL: a reload and a shared link show the same view', async () => {
    const page = await open();
    await page.getByTestId('match-row').first().waitFor();
    const region = cards[0]!.region_id;
    const team = cards.find((c) => c.region_id === region && c.outcome !== null)!.home_team_name;
    await page.getByTestId('region-filter').selectOption(String(region));
    await page.getByTestId('status-filter').getByRole('button', { name: 'Finished' }).click();
    await page.getByTestId('team-search').fill(team);
    await page.getByTestId('order-select').selectOption('kickoff-asc');
    const expected = cards
      .filter((c) => c.region_id === region && c.outcome !== null)
      .filter((c) => `${c.home_team_name} ${c.away_team_name}`.toLowerCase().includes(team.toLowerCase()))
      .sort((a, b) => kickoff(a) - kickoff(b) || a.match_id - b.match_id)
      .map((c) => c.match_id);
    await expect.poll(() => shownIds(page)).toEqual(expected.slice(0, 40));
    const hash = new URL(page.url()).hash;
    expect(hash).toMatch(/^#\/matches\?/);
    for (const part of [`region=${region}`, 'status=finished', 'sort=kickoff-asc'])
      expect(hash).toContain(part);

    await page.reload();
    await expect.poll(() => shownIds(page)).toEqual(expected.slice(0, 40));
    expect(await page.getByTestId('team-search').inputValue()).toBe(team);
    expect(await page.getByTestId('region-filter').inputValue()).toBe(String(region));
    await page.close();

    // The link as someone else would open it, in a fresh tab.
    const shared = await open(hash.slice(1));
    await expect.poll(() => shownIds(shared)).toEqual(expected.slice(0, 40));
    expect(await shared.getByTestId('order-select').inputValue()).toBe('kickoff-asc');
    await shared.close();
  });

  it('corrects a link the data does not allow, and says when a custom range is reversed', async () => {
    const rois = (await api.getJson<{ roi_pct: number | null }[]>('/predict/region-roi/')).map(
      (r) => r.roi_pct ?? -100,
    );
    const sliderMax = Math.floor(Math.max(...rois));
    const page = await open('/matches?region=999&roi=500&period=custom&from=2026-02-01&to=2026-01-01');
    // No region 999: every region, as the menu says, and gone from the URL; the ROI at the slider's top.
    await expect
      .poll(() => new URL(page.url()).hash)
      .toBe(`#/matches?period=custom&from=2026-02-01&to=2026-01-01&roi=${sliderMax}`);
    expect(await page.getByTestId('region-filter').inputValue()).toBe('');
    expect(await page.getByTestId('roi-slider-value').textContent()).toBe(`≥ ${signedPct(sliderMax, 0)}`);
    expect(await page.getByTestId('roi-slider').inputValue()).toBe(String(sliderMax));
    const reversed = page.getByTestId('period-reversed');
    expect(await reversed.textContent()).toContain('first day is after the last');
    await reversed.getByRole('button', { name: 'Swap them' }).click();
    await reversed.waitFor({ state: 'detached' });
    expect(await page.getByLabel('From day').inputValue()).toBe('2026-01-01');
    await page.close();
  });

  it('exports exactly the table in view as CSV', async () => {
    const page = await open('/matches?status=finished&tz=utc');
    await page.getByTestId('match-row').first().waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('csv-export').click();
    const file = await (await downloading).path();
    const [header, ...rows] = parse(await readFile(file, 'utf8')) as string[][];
    expect(header![0]).toBe('kickoff (UTC)');
    const finished = cards.filter((c) => c.outcome !== null);
    expect(rows.map((r) => Number(r[1]))).toEqual(defaultOrder(finished));
    expect(await page.getByTestId('row-count').textContent()).toBe(`${rows.length} matches`);
    // Enough to audit the ROI panel: each bet's price, stakes, closing odd and CLV as the API sent them, and
    // the panel's bets and profit are the scored rows with a result (summed in kick-off order, as it does).
    const col = (name: string) => header!.indexOf(name);
    const audited = ['model_stage', 'value_odd', 'stake_kelly', 'closing_odd', 'clv'].map(col);
    const byId = new Map(cards.map((c) => [c.match_id, c]));
    const fromApi = ({ model_stage, value_bet: b }: CardJson) =>
      [model_stage, b?.odd, b?.stake_kelly, b?.closing_odd, b?.clv].map((v) => String(v ?? ''));
    expect(rows.map((r) => audited.map((k) => r[k]))).toEqual(
      rows.map((r) => fromApi(byId.get(Number(r[1]))!)),
    );
    const bets = rows.filter((r) => r[col('scored')] === 'true' && r[col('value_result')] !== '').reverse();
    expect(bets.length).toBeGreaterThan(5);
    expect(await page.getByTestId('roi-bets').textContent()).toBe(count(bets.length));
    const profit = bets.reduce((sum, r) => sum + Number(r[col('value_profit_flat')]), 0);
    expect(await page.getByTestId('roi-profit').textContent()).toBe(signed(profit));
    // The rows on screen read as the file does: time, teams.
    const onScreen = await page
      .getByTestId('match-row')
      .evaluateAll((els) =>
        els.map((r) => [r.querySelector('.c-time')?.textContent, r.querySelector('.c-teams')?.textContent]),
      );
    for (const [i, [time, teams]] of onScreen.entries()) {
      expect(time).toBe(rows[i]![0]);
      expect(teams).toBe(`${rows[i]![3]} – ${rows[i]![4]}`);
    }
    await page.close();
  });

  it('shows the track record as the API serves it, its filter kept in the URL', async () => {
    const get = (path: string) => api.getJson<TrackRecordJson>(path);
    const all = await get('/predict/track-record');
    const backtest = await get('/predict/track-record/backtest');
    expect(all.graded).toBeGreaterThan(20);
    expect(all.roi.flat.n_bets).toBeGreaterThan(5);
    const page = await open('/track-record');
    const record = page.getByTestId('tr-record');
    const shows = async (on: Page, r: TrackRecordJson) => {
      const record = on.getByTestId('tr-record');
      await expect
        .poll(() => record.getByTestId('tr-roi-bets').textContent())
        .toBe(`${r.roi.flat.n_bets} bets`);
      // Beside the market, the model on the same matches (its own score covers matches the market did not price).
      const paired = r.market_closing.log_loss === null ? r.model.log_loss : r.market_closing.model_log_loss;
      expect(await record.getByTestId('tr-model-logloss').textContent()).toBe(paired?.toFixed(4));
      expect(await record.getByTestId('tr-market-rps').textContent()).toBe(r.market_closing.rps?.toFixed(4));
      expect(await record.getByTestId('tr-roi').textContent()).toBe(signedPct(r.roi.flat.roi_pct));
      expect(await record.getByTestId('tr-roi-ci').textContent()).toBe(pctInterval(r.roi.flat.ci95));
      expect(await record.getByTestId('tr-kelly').textContent()).toBe(signedPct(r.roi.kelly.growth_pct));
    };
    await shows(page, all);
    // One row per league, each ROI with its bets; the chain head; the backtest apart; every curve drawn.
    const rows = record.getByTestId('tr-league-row');
    expect(await rows.count()).toBe(all.by_league.length);
    for (const [i, l] of all.by_league.entries()) {
      expect(await rows.nth(i).getByTestId('tr-league-roi').textContent()).toBe(
        signedPct(l.roi.flat.roi_pct),
      );
      expect(await rows.nth(i).getByTestId('tr-league-bets').textContent()).toBe(count(l.roi.flat.n_bets));
    }
    // Under the table: how many leagues would look significant by chance, in the API's counts.
    expect(await record.getByTestId('tr-league-chance').textContent()).toBe(
      leaguesAgainstChance(all.multiplicity),
    );
    expect(await page.getByTestId('tr-head-hash').textContent()).toBe(all.head?.hash);
    expect(await page.getByTestId('tr-verify').textContent()).toContain('matchcast verify-track-record');
    expect(await page.getByTestId('tr-backtest').getByTestId('tr-roi-bets').textContent()).toBe(
      `${backtest.roi.flat.n_bets} bets`,
    );
    // The charts are a chunk of their own (with uPlot), loaded once the record is shown.
    for (const chart of ['logloss', 'rps', 'clv', 'flat', 'kelly'])
      await expect.poll(() => page.getByTestId(`tr-chart-${chart}`).locator('canvas').count()).toBe(1);
    // Internal parameters sit in the folded "about this model" panel.
    await page.getByTestId('about-model').locator('summary').click();
    expect(await page.getByTestId('about-threshold').textContent()).toContain('5%');

    // One league and a first day: in the URL and through a reload.
    const league = all.by_league[0]!.league;
    await record.getByTestId('tr-league').selectOption(league);
    await record.getByTestId('tr-since').fill('2025-10-01');
    const chosen = await get(`/predict/track-record?league=${encodeURIComponent(league)}&from=2025-10-01`);
    await shows(page, chosen);
    const hash = new URL(page.url()).hash;
    expect(hash).toBe(
      `#/track-record?league=${encodeURIComponent(league).replace(/%20/g, '+')}&since=2025-10-01`,
    );
    await page.reload();
    await shows(page, chosen);
    expect(await page.getByTestId('tr-league').inputValue()).toBe(league);
    expect(await page.getByTestId('tr-since').inputValue()).toBe('2025-10-01');
    // The view never reads the cards, so neither its first load nor the reload downloads them.
    expect(requested.get(page)).not.toContain('/predict/cards/');
    await page.close();
  });

  it("shows each provider file's health on the monitoring view", async () => {
    const { stale, sources } = await api.getJson<{
      stale: number;
      sources: { path: string; rows: number; failures: number; last_error: string | null }[];
    }>('/monitoring/sources');
    expect(stale).toBe(1);
    const page = await open('/monitoring');
    const rows = page.getByTestId('source-row');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent)),
    );
    expect(shown.map((r) => [r[0]?.replace(/(final|stale)$/, ''), Number(r[4]), Number(r[5]), r[6]])).toEqual(
      sources.map((s) => [s.path, s.rows, s.failures, s.last_error ?? '']),
    );
    expect(await page.getByTestId('sources-stale').textContent()).toContain('1 stale');
    await page.close();
  });

  /** `widest`: the last column of the view's widest table, which must stay on screen. */
  const VIEWS = [
    { route: 'matches', ready: 'match-row' },
    { route: 'track-record', ready: 'tr-graded', widest: 'tr-league-bets' },
    { route: 'model', ready: 'model-version-champion', widest: 'model-version-candidate' },
    { route: 'monitoring', ready: 'drift-score' },
  ] as const;

  it('fits every view on a desktop and a 390 px phone, with no serious accessibility violation', async () => {
    const page = await open();
    await page.getByTestId('match-row').first().waitFor();
    const problems = await problemsOfViews(page, VIEWS, async (vp, view) => {
      const found: string[] = [];
      const legendOpen = await page
        .locator('details.marks-legend')
        .evaluateAll((d) => d.map((e) => e.hasAttribute('open')));
      if (view.route === 'matches' && legendOpen[0] !== (vp.name === 'desktop')) found.push('legend');
      const cut = 'widest' in view ? await offScreen(page, view.widest, vp.width) : null;
      if (cut !== null) found.push(cut);
      await page.screenshot({ path: `${OUT_DIR}${vp.name}-${view.route}.png` });
      if (process.env.UPDATE_SCREENSHOTS === '1' && vp.name === 'desktop' && view.route === 'track-record')
        await copyFile(`${OUT_DIR}desktop-track-record.png`, DOCS_TRACK_RECORD);
      return found;
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows a finished match's prediction and odds history, and its value bet's stakes and CLV", async () => {
    // A champion match of the last week: logged a day out, at publication, and live after kick-off.
    const target = cards.find(
      (c) => c.outcome !== null && c.model_stage === 'champion' && typeof c.value_bet?.clv === 'number',
    )!;
    const bet = target.value_bet!;
    const history = await api.getJson<{ predictions: unknown[] }>(`/predict/history/${target.match_id}`);
    expect(history.predictions.length).toBeGreaterThan(1);
    const page = await open(`/matches?status=finished&q=${encodeURIComponent(target.home_team_name)}`);
    const row = page.locator(`[data-match-id="${target.match_id}"]`);
    await row.waitFor();
    const signed = (v: number) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
    expect(await row.getByTestId('bet-mini').textContent()).toContain(`CLV ${signed(bet.clv!)}`);
    await row.click();
    const detail = page.getByTestId('match-detail');
    // Its times in the zone the header chose, labelled.
    expect(await detail.getByTestId('detail-kickoff').textContent()).toMatch(
      new RegExp(`${minute(kickoff(target) + ZONE_OFFSET_MS)} Asia/(Kolkata|Calcutta)`),
    );
    await detail.getByTestId('odds-history-chart').waitFor();
    await detail.getByTestId('probability-history-chart').waitFor();
    expect(await detail.getByTestId('value-edge').textContent()).toBe(
      `${signed(bet.edge)} at ${bet.odd.toFixed(2)}, the price when published`,
    );
    // The tag on the bet's outcome (the price is named only where the table shows another: card-figures test).
    expect(await detail.getByTestId('value-tag').textContent()).toMatch(/^value( at \d+\.\d\d)?$/);
    expect(await detail.getByTestId('clv').textContent()).toBe(signed(bet.clv!));
    expect(await detail.getByTestId('value-bet-detail').textContent()).toMatch(/From the champion model/);
    // Bet and tag are coloured by the backtest's record of value bets, stated in figures, which also decides
    // whether the stakes are advice.
    const record = valueBetRecordText(decodeTrackRecord(await api.getJson('/predict/track-record/backtest')));
    await expect.poll(() => detail.getByTestId('value-record').textContent()).toContain(record.flat);
    for (const el of [row.getByTestId('value-bet'), detail.getByTestId('value-tag')])
      expect(await toneOf(el)).toBe(record.tone);
    const kelly = `${(bet.stake_kelly! * 100).toFixed(1)}% of the bankroll`;
    expect(await detail.getByTestId('stake-kelly').textContent()).toBe(
      record.stakesAdvised ? kelly : `none advised (the plan would stake ${kelly})`,
    );
    expect(await row.getByTestId('bet-mini').textContent()).toMatch(
      record.stakesAdvised ? / · K / : /^at [\d.]+ · CLV/,
    );
    // One table row per logged prediction, the one after kick-off said to be so; three prices per outcome.
    expect(await detail.getByTestId('probability-history').locator('tbody tr').count()).toBe(
      history.predictions.length,
    );
    expect(await detail.getByTestId('probability-history').textContent()).toContain('after kick-off');
    expect(await detail.getByTestId('odds-movement').locator('tbody tr').count()).toBe(3);
    // Both canvases have something drawn.
    expect(await inkedPixels(detail.getByTestId('probability-history-chart'))).toBeGreaterThan(200);
    expect(await inkedPixels(detail.getByTestId('odds-history-chart'))).toBeGreaterThan(200);
    const problems: string[] = [];
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await detail.getByTestId('odds-history-chart').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${OUT_DIR}${vp.name}-match-history.png` });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > vp.width) problems.push(`${vp.name}: page is ${width} px wide`);
      for (const v of await seriousAxeViolations(page)) problems.push(`${vp.name} detail: ${v}`);
    }
    expect(problems).toEqual([]);

    // A walk-forward backtest match: its one logged prediction came after the match, yet is scored, and says why.
    const backtest = cards.find((c) => c.outcome !== null && c.model_stage === 'backtest')!;
    await page.keyboard.press('Escape');
    await page.getByTestId('team-search').fill(backtest.home_team_name);
    await page.locator(`[data-match-id="${backtest.match_id}"]`).click();
    await detail.getByTestId('probability-history').waitFor();
    expect(await detail.getByTestId('prediction-source').textContent()).toBe('walk-forward backtest');
    expect(await detail.getByTestId('computed-at').textContent()).toMatch(
      /when the backtest ran, after the match/,
    );
    expect(await detail.getByTestId('logged-when').allTextContents()).toEqual([
      'walk-forward: model trained before the match, scored',
    ]);
    expect(await detail.getByTestId('match-history').textContent()).not.toContain('logged after kick-off');
    await page.close();
  });

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
