/**
 * The dashboard's figures say what they count (issue #14, a sceptical bettor's audit), on the demo world: the ROI
 * panel's bets split by the prediction each card shows, against the backtest's record over every league, which
 * the detail names; the CSV export, whose every row and file name say the data is the demo; each edge in the detail with the
 * price it is worked out at; the probability history's sources as separate lines, named; the model view's best model green only when it
 * beats the market on the same matches. The finished champion matches also hold a walk-forward backtest row in the log, as on the
 * demo `npm start` builds, so the two counts differ as they do there.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendPredictions, type NewPrediction } from '../../src/db/prediction-log-repository.ts';
import type { PredictionRow } from '../../src/domain/artifacts.ts';
import { count, signedPct } from '../../src/ui/logic/format.ts';
import { roiAccuracyText } from '../../src/ui/logic/roi.ts';
import { type Browser, chromiumAvailable, launchBrowser, openDashboard } from './support/browser.ts';
import { ensureUiBuilt } from './support/build-ui.ts';
import { type CardJson, scored } from './support/cards-json.ts';
import { type DashboardApi, startDashboardApi } from './support/dashboard-api.ts';
import { demoArtifacts } from './support/demo-artifacts.ts';

const DAY_MS = 86_400_000;
const MARKET_LOG_LOSS = 0.975;
const signedEdge = (v: number) => signedPct(v * 100);

/** A card with its probabilities, which the detail's table works its edges from. */
type Card = CardJson & {
  readonly proba_home: number;
  readonly proba_draw: number;
  readonly proba_away: number;
};
const probs = (c: Card) => [c.proba_home, c.proba_draw, c.proba_away];

/** The backtest's row of a match published before kick-off: a model trained before it, logged a day ago. */
const backtestRow = (p: PredictionRow, nowMs: number): NewPrediction => ({
  matchId: p.match_id,
  modelName: p.model_name,
  modelVersion: null,
  modelAlias: null,
  runId: 'run-backtest',
  source: 'backtest',
  // Not the published probabilities: another model's view of the match.
  probabilities: [p.proba_home - 0.04, p.proba_draw + 0.02, p.proba_away + 0.02],
  goalMarkets: null,
  trainedUntil: new Date(Date.parse(p.start_time_utc) - 3 * DAY_MS),
  computedAt: new Date(nowMs - DAY_MS),
});

describe.skipIf(!chromiumAvailable)('dashboard figures say what they count', () => {
  let api: DashboardApi;
  let browser: Browser;
  let cards: Card[];
  const consoleErrors: string[] = [];

  const open = (fragment: string): Promise<Page> => openDashboard(browser, api, fragment, consoleErrors);

  beforeAll(async () => {
    await ensureUiBuilt();
    const nowMs = Date.now();
    const artifacts = await demoArtifacts({ matches: 300, nowMs });
    const published = artifacts.predictions.filter(
      (p) => p.model_stage === 'champion' && p.status === 'finished',
    );
    api = await startDashboardApi(artifacts, {
      seed: async (db) => {
        await db.transaction((tx) =>
          appendPredictions(
            tx,
            published.map((p) => backtestRow(p, nowMs)),
            new Date(nowMs),
          ),
        );
        // The market's log loss on each version's test matches, as the register stage records it: ahead of
        // every model's (0.984 to 0.995), as on the demo.
        await db.query(
          `UPDATE model_versions SET metrics = metrics || jsonb_build_object('market_log_loss', ${MARKET_LOG_LOSS}::float8)`,
        );
      },
      source: { kind: 'demo', seed: 42 },
    });
    browser = await launchBrowser();
    cards = await api.getJson<Card[]>('/predict/cards/');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it("splits the ROI panel's bets by the prediction each card shows, apart from the backtest's record", async () => {
    const bets = cards.filter((c) => scored(c) && c.value_bet !== null);
    const backtest = bets.filter((c) => c.model_stage === 'backtest').length;
    const beforeKickoff = bets.length - backtest;
    expect(backtest).toBeGreaterThan(0);
    expect(beforeKickoff).toBeGreaterThan(0);
    // With a value bet's detail open (`match`), a modal over the panel.
    const page = await open(`/matches?status=finished&match=${bets[0]!.match_id}`);
    const sources = page.getByTestId('roi-bet-sources');
    await sources.waitFor();
    expect(await page.getByTestId('roi-bets').textContent()).toBe(count(bets.length));
    expect(await sources.textContent()).toContain(
      `${bets.length} bets: ${beforeKickoff} on predictions published before kick-off, ${backtest} from the walk-forward backtest.`,
    );
    // The detail's record is the backtest's over every league, with its own count, and says so.
    const record = await api.getJson<{ roi: { flat: { n_bets: number } } }>('/predict/track-record/backtest');
    const line = page.getByTestId('match-detail').getByTestId('value-record');
    await expect.poll(() => line.textContent()).toContain(`${record.roi.flat.n_bets} bets`);
    expect(await line.textContent()).toMatch(/^Value bets in the walk-forward backtest, every league: ROI /);
    await page.close();
    // A view with nothing scored says so, not "right on 0/0".
    const empty = await open('/matches?q=no-such-team');
    await expect
      .poll(() => empty.getByTestId('roi-accuracy').textContent())
      .toBe(roiAccuracyText({ correct: 0, scoredMatches: 0 }));
    await empty.close();
  });

  it('marks the exported CSV as the demo, in a last column and in its file name', async () => {
    const page = await open('/matches?status=finished');
    await page.getByTestId('match-row').first().waitFor();
    // The banner shows once the API has said where the data comes from.
    await page.getByTestId('demo-banner').waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('csv-export').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('matches-demo.csv');
    const [header, ...rows] = parse(await readFile(await download.path(), 'utf8')) as string[][];
    // Appended: the columns a sheet was built on keep their places.
    expect(header!.slice(-3)).toEqual(['flagged_edge', 'flagged_edge_value', 'data_source']);
    expect(rows.length).toBe(cards.filter((c) => c.outcome !== null).length);
    expect(new Set(rows.map((r) => r.at(-1)))).toEqual(new Set(['demo']));
    await page.close();
  });

  it("names the price beside each edge in a match's detail: the bet's, and the close's in the table", async () => {
    const odds = (c: Card) => [c.odd_home!, c.odd_draw!, c.odd_away!];
    const played = cards.find(
      (c) => c.outcome !== null && c.model_stage === 'champion' && c.value_bet !== null,
    )!;
    const bet = played.value_bet!;
    const page = await open(`/matches?status=finished&match=${played.match_id}`);
    const detail = page.getByTestId('match-detail');
    await detail.getByTestId('value-edge').waitFor();
    expect(await detail.getByTestId('value-edge').textContent()).toBe(
      `${signedEdge(bet.edge)} at ${bet.odd.toFixed(2)}, the price when published`,
    );
    expect(await detail.getByTestId('outcome-edge').allTextContents()).toEqual(
      odds(played).map((o, k) => `${signedEdge(probs(played)[k]! * o - 1)} at the close ${o.toFixed(2)}`),
    );
    const backtest = cards.find((c) => c.outcome !== null && c.model_stage === 'backtest' && c.value_bet)!;
    await page.goto(`${api.url}/#/matches?status=finished&match=${backtest.match_id}`);
    await expect
      .poll(() => detail.getByTestId('value-edge').textContent())
      .toBe(
        `${signedEdge(backtest.value_bet!.edge)} at ${backtest.value_bet!.odd.toFixed(2)}, the last price before kick-off`,
      );
    await page.close();
  });

  it("draws the published predictions and the backtest's as separate lines, each named in a key", async () => {
    const played = cards.find((c) => c.outcome !== null && c.model_stage === 'champion')!;
    const history = await api.getJson<{ predictions: { source: string }[] }>(
      `/predict/history/${played.match_id}`,
    );
    // Logged a day out and at publication, live after kick-off, and the backtest's (the seed above).
    expect(history.predictions.map((p) => p.source).sort()).toEqual(['backtest', 'batch', 'batch', 'live']);
    const page = await open(`/matches?status=finished&match=${played.match_id}`);
    const chart = page.getByTestId('probability-history-chart');
    await chart.waitFor();
    const sources = [
      'logged before kick-off',
      'walk-forward backtest',
      'computed after kick-off — not scored',
    ];
    expect(await page.getByTestId('probability-history-chart-key').locator('li').allTextContents()).toEqual([
      'home',
      'draw',
      'away',
      ...sources,
    ]);
    expect(await chart.getAttribute('aria-label')).toContain(`a line for each source: ${sources.join(', ')}`);
    // A chart of one line, the odds, keeps its plain legend.
    await page.getByTestId('odds-history-chart').waitFor();
    expect(await page.getByTestId('odds-history-chart-key').count()).toBe(0);
    await page.close();
  });

  it('marks the best model green only when it beats the market on the same matches, and says how far each is behind', async () => {
    const page = await open('/model');
    const behind = page.getByTestId('behind-market-candidate');
    await behind.waitFor();
    // The candidate's log loss, 0.984, is the models' best: neither green nor unqualified.
    expect(await behind.textContent()).toBe(
      `best of the models, 0.0090 behind the market's ${MARKET_LOG_LOSS.toFixed(4)}`,
    );
    // Every other model behind the market says so too, without "best": the champion's 0.987.
    expect(await page.getByTestId('behind-market-champion').textContent()).toBe(
      `0.0120 behind the market's ${MARKET_LOG_LOSS.toFixed(4)}`,
    );
    // Scored on as many matches (no n differs): the best is marked.
    expect(await page.getByTestId('scored-apart').count()).toBe(0);
    const cell = page.getByTestId('model-compare').locator('td', { has: behind });
    expect(await cell.getAttribute('class')).not.toContain('win');
    expect(await page.getByTestId('model-compare').locator('td.win').count()).toBeGreaterThan(0);
    // Where no market score is registered (RPS, accuracy…), the best of the models stays green.
    const rps = page.getByTestId('metric-row').filter({ hasText: /^rps/ });
    expect(await rps.locator('td.win').textContent()).toBe('0.2000');
    await page.close();
  });

  it('logged no console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
