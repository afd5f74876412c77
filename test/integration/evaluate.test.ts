/**
 * `evaluate` end to end: synthetic football-data files → the real importer → features, every trainer,
 * baselines on the same matches; straight from a folder (read into memory) and from each database driver, with the same result.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParams, type Params } from '../../src/config/params.ts';
import { MARGIN_METHODS, removeMargin } from '../../src/domain/margin-removal.ts';
import { importFootballData } from '../../src/ingest/football-data/import.ts';
import { evaluateDatabase, evaluateFolder } from '../../src/pipelines/evaluation/model-evaluation-source.ts';
import { champion } from '../../src/pipelines/evaluation/model-trainers.ts';
import { runCli } from '../support/child-process.ts';
import { DRIVERS } from '../support/services.ts';
import { syntheticLeague } from '../unit/features/synthetic-league.ts';

const base = loadParams();
const params: Params = { ...base, train: { ...base.train, train_from: '2000-07-01', min_matches_played: 0 } };
const TEST_FROM = Date.UTC(2018, 6, 1);
const NOW = Date.UTC(2030, 0, 1);

const two = (n: number) => String(n).padStart(2, '0');

/** One football-data main-league file per season, with margin-free-ish closing averages (AvgC*). */
function writeLeagueFolder(dir: string): number {
  const matches = syntheticLeague({ seed: 11, teams: 8, seasons: 4, firstYear: 2015 });
  const bySeason = new Map<string, string[]>();
  for (const m of matches) {
    const d = new Date(m.startTimeMs);
    const date = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
    const hg = m.homeScore as number;
    const ag = m.awayScore as number;
    const ftr = hg > ag ? 'H' : hg === ag ? 'D' : 'A';
    // Then constant over/under 2.5 prices: pre-match (Avg>2.5, Avg<2.5) and closing (AvgC>2.5, AvgC<2.5).
    const line = `E0,${date},15:00,Team ${m.homeTeamId},Team ${m.awayTeamId},${hg},${ag},${ftr},2.3,3.3,3.2,2,1.85,1.9,1.95`;
    const rows = bySeason.get(m.season) ?? [];
    rows.push(line);
    bySeason.set(m.season, rows);
  }
  mkdirSync(join(dir, 'E0'), { recursive: true });
  for (const [season, rows] of bySeason) {
    writeFileSync(
      join(dir, 'E0', `${season.slice(0, 4)}-${season.slice(5)}.csv`),
      [
        'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,AvgCH,AvgCD,AvgCA,Avg>2.5,Avg<2.5,AvgC>2.5,AvgC<2.5',
        ...rows,
        '',
      ].join('\r\n'),
    );
  }
  return matches.length;
}

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'matchcast-eval-'));
  writeLeagueFolder(folder);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('evaluate on a folder of football-data files', () => {
  it('leaves out, names and exits 1 for files it cannot read whole, scoring the rest as without them', async () => {
    const withBad = mkdtempSync(join(tmpdir(), 'matchcast-eval-bad-'));
    try {
      writeLeagueFolder(withBad);
      writeFileSync(join(withBad, 'E0', 'broken.csv'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
      writeFileSync(
        join(withBad, 'E0', 'cut.csv'),
        'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\r\nE0,09/08/2015,Team 3',
      );
      // A spreadsheet's semicolon export (was passed over as some other CSV) and a row an import refuses.
      writeFileSync(join(withBad, 'E0', 'semicolons.csv'), 'Div;Date;HomeTeam;AwayTeam;FTHG;FTAG\n');
      writeFileSync(
        join(withBad, 'E0', 'dotted.csv'),
        'Div,Date,HomeTeam,AwayTeam,FTHG,FTAG,FTR\nE0,09.08.2015,Team 3,Team 4,1,0,H\n',
      );
      const options = { params, testFromMs: TEST_FROM, nowMs: NOW, trainers: [champion(params.train)] };
      const [clean, dirty] = await Promise.all([
        evaluateFolder([folder], options),
        evaluateFolder([withBad], options),
      ]);
      expect([clean.files_not_read, clean.rows_not_read]).toEqual([[], []]);
      expect(dirty.files_not_read).toEqual([
        expect.stringMatching(/broken\.csv:1 .*not text/),
        expect.stringMatching(/semicolons\.csv:1: fields separated by semicolons/),
        expect.stringMatching(/cut\.csv:2 .*truncated last row/),
      ]);
      expect(dirty.rows_not_read).toEqual([
        expect.stringMatching(/^malformed: .*dotted\.csv:2 \[Date\]: invalid date/),
      ]);
      expect(dirty.overall).toEqual(clean.overall);

      const cli = await runCli([
        'evaluate',
        '--data',
        withBad,
        '--models',
        'logreg',
        '--test-from',
        '2018-07-01',
      ]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toMatch(/logreg/);
      expect(cli.stderr).toMatch(/not read whole: .*broken\.csv/);
      expect(cli.stderr).toMatch(/row not read: .*dotted\.csv:2/);
      expect(cli.stderr.trim().split('\n').at(-1)).toMatch(
        /^matchcast: evaluate: 3 files could not be read whole and 1 row could not be read \(listed above\); the scores leave out what was not read/,
      );
    } finally {
      rmSync(withBad, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a training window too small to fit a model on, saying how to widen it', async () => {
    // One season of eight teams before the window: a few dozen matches, where a model would score noise.
    await expect(
      evaluateFolder([folder], { params, testFromMs: Date.UTC(2016, 6, 1), nowMs: NOW }),
    ).rejects.toThrow(
      /^evaluate: only \d+ finished matches to train on before the test window \(need at least 100\); start it later with --test-from$/,
    );
  });

  it('scores every model and baseline on the same matches', async () => {
    const report = await evaluateFolder([folder], { params, testFromMs: TEST_FROM, nowMs: NOW });
    // Closing prices only in these files: no pre-match market, so no market-aware challenger.
    expect(report.models).toEqual(['logreg', 'gbdt', 'elo_ordered_logit', 'dixon_coles']);
    expect(report.baselines).toEqual([
      'class_prior',
      'market',
      ...MARGIN_METHODS.map((m) => `market_closing_${m}`),
    ]);
    expect(report.calibration_error.logreg).toBe(report.overall.logreg?.ece);
    // 8 teams × 7 opponents × 2 legs... one season (2018-19) after the cut
    expect(report.n_test).toBe(56);
    expect(report.n_train).toBe(168);
    for (const name of [...report.models, ...report.baselines]) {
      const s = report.overall[name];
      expect(s?.n).toBe(56);
      // Plumbing, not quality: 168 training matches are too few to ask more than a finite, sane loss.
      expect(s?.log_loss).toBeGreaterThan(0.5);
      expect(s?.log_loss).toBeLessThan(3);
    }
    // The market here is one constant price for every match: its margin-free probabilities are exact.
    const [market = 0] = removeMargin([2.3, 3.3, 3.2], params.evaluate.margin_method);
    expect(
      report.reliability.market?.find((b) => b.outcome === 'home_win' && b.n > 0)?.meanPredicted,
    ).toBeCloseTo(market, 12);
    expect(report.by_league).toHaveLength(1);
    expect(report.by_league[0]?.group).toBe('England / Premier League');
    expect(report.by_league[0]?.n).toBe(56);
    // Each model's paired gap to the market: the difference of the two log losses on the same 56 matches, with an
    // interval around it; the one league's gap is the same.
    for (const name of report.models) {
      const gap = report.gap_to_market[name];
      const diff = (report.overall[name]?.log_loss as number) - (report.overall.market?.log_loss as number);
      expect(gap?.log_loss).toBeCloseTo(diff, 12);
      const [low, high] = gap?.log_loss_ci95 ?? [Number.NaN, Number.NaN];
      expect(low).toBeLessThan(diff);
      expect(high).toBeGreaterThan(diff);
      expect(report.by_league[0]?.gap_to_market[name]).toEqual(gap);
    }

    // Over/under 2.5: the score matrix against the (constant) closing and pre-match prices, same 56 matches.
    const ou = report.over_under_2_5;
    expect(ou?.n).toBe(56);
    const [close = 0] = removeMargin([1.9, 1.95], params.evaluate.margin_method);
    const [pre = 0] = removeMargin([2, 1.85], params.evaluate.margin_method);
    const rate = ou?.over_rate as number;
    const constantLoss = (p: number) => -(rate * Math.log(p) + (1 - rate) * Math.log(1 - p));
    expect(ou?.market_closing.log_loss).toBeCloseTo(constantLoss(close), 12);
    expect(ou?.market_pre_match.log_loss).toBeCloseTo(constantLoss(pre), 12);
    expect(ou?.model.log_loss).toBeGreaterThan(0.5);
    expect(ou?.model.log_loss).toBeLessThan(1);
    // Published = recalibrated score matrix; with under min_matches finished matches no fit exists yet, so the
    // raw score matrix stands and both read the same.
    expect(ou?.model_raw.log_loss).toBeGreaterThan(0.5);
    expect(ou?.calibration.inputs).toHaveLength(4);
    if (ou?.calibration.over25 === null) expect(ou?.model.log_loss).toBe(ou?.model_raw.log_loss);
    expect(ou?.by_league.map((g) => [g.group, g.n])).toEqual([['England / Premier League', 56]]);
    expect(ou?.btts?.n).toBe(56);
  });

  it('reports the same with the margins of an earlier evaluation kept (the evaluate stage keeps them)', async () => {
    const options = { params, testFromMs: TEST_FROM, nowMs: NOW, trainers: [champion(params.train)] };
    const marginMemo = new Map();
    // An earlier retraining day on a shorter window fills the memo.
    await evaluateFolder([folder], { ...options, testToMs: Date.UTC(2019, 0, 1), marginMemo });
    expect(marginMemo.size).toBeGreaterThan(0);
    expect(await evaluateFolder([folder], { ...options, marginMemo })).toEqual(
      await evaluateFolder([folder], options),
    );
  });
});

describe.each(DRIVERS)('evaluate on the configured database ($driver)', (driver) => {
  it.skipIf(!driver.available)('reads matches and market prices from the database', async () => {
    const { db, dispose } = await driver.open();
    try {
      await importFootballData(db, [folder], { nowMs: NOW });
      const report = await evaluateDatabase(db, {
        params,
        testFromMs: TEST_FROM,
        nowMs: NOW,
        trainers: [champion(params.train)],
      });
      expect(report.models).toEqual(['logreg']);
      expect(report.n_test).toBe(56);
      expect(report.overall.logreg?.n).toBe(report.overall.market?.n);
      expect(report.by_region[0]?.group).toBe('England');
      // The folder is read straight into memory as an import would store it: the same report.
      const fromFolder = await evaluateFolder([folder], {
        params,
        testFromMs: TEST_FROM,
        nowMs: NOW,
        trainers: [champion(params.train)],
      });
      expect(fromFolder.overall).toEqual(report.overall);
      expect(fromFolder.by_league).toEqual(report.by_league);
    } finally {
      await dispose();
    }
  });
});
