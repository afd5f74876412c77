/**
 * A small, deterministic track record for the browser tests: two leagues of football-data files (a main league
 * with pre-match and closing prices, a closing-only one) imported into the test database, then a batch prediction
 * logged two days before each kick-off (chained, as batch inference does) and a walk-forward backtest row for
 * some of them. Probabilities wander around the market's so that some edges clear the value-bet threshold.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../src/db/db.ts';
import { appendPredictions, type NewPrediction } from '../../../src/db/prediction-log-repository.ts';
import type { Multiplicity } from '../../../src/domain/multiplicity.ts';
import { seededRandom } from '../../../src/domain/seeded-random.ts';
import { importFootballData } from '../../../src/ingest/football-data/import.ts';

/** GET /predict/track-record's answer: the fields the browser tests read. */
export interface TrackRecordJson {
  graded: number;
  head: { hash: string } | null;
  model: { log_loss: number | null };
  market_closing: { rps: number | null; log_loss: number | null; model_log_loss: number | null };
  roi: {
    flat: { n_bets: number; roi_pct: number | null; ci95: [number, number] | null };
    kelly: { growth_pct: number | null };
  };
  by_league: { league: string; roi: { flat: { n_bets: number; roi_pct: number | null } } }[];
  multiplicity: Multiplicity;
}

const DAY = 86_400_000;
const FIRST = Date.parse('2025-09-06T15:00:00Z');
const MAIN_HEAD = 'Div,Date,Time,HomeTeam,AwayTeam,FTHG,FTAG,FTR,PSH,PSD,PSA,PSCH,PSCD,PSCA';
const NEW_HEAD = 'Country,League,Season,Date,Time,Home,Away,HG,AG,Res,PSCH,PSCD,PSCA';

const ddmmyyyy = (ms: number) => {
  const d = new Date(ms).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
};
const price = (p: number) => (1 / (p * 1.04)).toFixed(2);

interface Fixture {
  readonly home: string;
  readonly kickoffMs: number;
  readonly truth: readonly [number, number, number];
}

/** `weeks` Saturdays, two matches a week per league; returns nothing, the database holds it all. */
export async function seedTrackRecord(db: Db, modelName: string, weeks = 16): Promise<void> {
  const random = seededRandom(17);
  const fixtures: Fixture[] = [];
  const main: string[] = [MAIN_HEAD];
  const closingOnly: string[] = [NEW_HEAD];
  for (let w = 0; w < weeks; w++) {
    for (let k = 0; k < 4; k++) {
      const kickoffMs = FIRST + w * 7 * DAY + (k % 2) * 2 * 3_600_000;
      const h = 0.3 + 0.25 * random();
      const d = 0.22 + 0.08 * random();
      const truth = [h, d, 1 - h - d] as const;
      const u = random();
      const [hg, ag, res] = u < truth[0] ? [2, 0, 'H'] : u < truth[0] + truth[1] ? [1, 1, 'D'] : [0, 1, 'A'];
      const home = `${k < 2 ? 'Main' : 'Pampa'} ${w}-${k} Home`;
      const away = `${k < 2 ? 'Main' : 'Pampa'} ${w}-${k} Away`;
      // The close drifts a little from the pre-match price.
      const close = truth.map((p) => p * (0.96 + 0.08 * random()));
      const sum = close.reduce((s, p) => s + p, 0);
      const closing = close.map((p) => price(p / sum));
      if (k < 2) {
        const pre = truth.map(price);
        main.push(
          [
            'E0',
            ddmmyyyy(kickoffMs),
            new Date(kickoffMs).toISOString().slice(11, 16),
            home,
            away,
            hg,
            ag,
            res,
            ...pre,
            ...closing,
          ].join(','),
        );
      } else {
        closingOnly.push(
          [
            'Argentina',
            'Liga Profesional',
            '2025',
            ddmmyyyy(kickoffMs),
            new Date(kickoffMs).toISOString().slice(11, 16),
            home,
            away,
            hg,
            ag,
            res,
            ...closing,
          ].join(','),
        );
      }
      fixtures.push({ home, kickoffMs, truth });
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'matchcast-e2e-record-'));
  try {
    mkdirSync(join(dir, 'E0'));
    mkdirSync(join(dir, 'new'));
    writeFileSync(join(dir, 'E0', '2025-26.csv'), main.join('\r\n'));
    writeFileSync(join(dir, 'new', 'ARG.csv'), closingOnly.join('\r\n'));
    await importFootballData(db, [dir]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = await db.query<{ match_id: number; home: string }>(
    'SELECT m.match_id, t.name AS home FROM matches m JOIN teams t ON t.id = m.home_team_id',
  );
  const ids = new Map(rows.map((r) => [r.home, Number(r.match_id)]));
  const predictions: NewPrediction[] = [];
  const backtest: NewPrediction[] = [];
  for (const f of fixtures) {
    const noisy = f.truth.map((p) => p * (0.8 + 0.45 * random()));
    const sum = noisy.reduce((s, p) => s + p, 0);
    const probabilities = noisy.map((p) => p / sum) as [number, number, number];
    const row: NewPrediction = {
      matchId: ids.get(f.home) as number,
      modelName,
      modelVersion: 1,
      modelAlias: 'champion',
      runId: null,
      source: 'batch',
      probabilities,
      goalMarkets: null,
      trainedUntil: new Date(FIRST - 30 * DAY),
      computedAt: new Date(f.kickoffMs - 2 * DAY),
    };
    predictions.push(row);
    if (random() < 0.5) {
      backtest.push({
        ...row,
        source: 'backtest',
        runId: 'backtest',
        computedAt: new Date(FIRST + weeks * 7 * DAY),
      });
    }
  }
  // Logged in time order, as batch inference would have (the chain refuses back-dating).
  predictions.sort((a, b) => a.computedAt.getTime() - b.computedAt.getTime());
  const chainedAt = new Date(FIRST + weeks * 7 * DAY);
  await db.transaction((tx) => appendPredictions(tx, predictions, chainedAt));
  await db.transaction((tx) => appendPredictions(tx, backtest, chainedAt));
}
