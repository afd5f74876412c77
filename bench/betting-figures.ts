/**
 * The figures a sceptical bettor checks first — value-bet share, advertised edges, flagged edges, predicted
 * labels, model against market log loss, ROI with bets, interval and drawdown for each strategy tried — from a
 * fresh pipeline run on the demo world or on real football-data files, in a throw-away database.
 *
 *   node --import tsx bench/betting-figures.ts --demo [seed=42] [--now 2026-12-04T04:00:00Z]
 *   node --import tsx bench/betting-figures.ts ../shared/data/football/E0 ../shared/data/football/D1 \
 *     --backtest-start 2024-07-01 --from 2024-07-01 --to 2025-07-01
 */
import { resolve } from 'node:path';
import { edgeRuleOf, loadParams } from '../src/config/params.ts';
import { cardFigures, compareStrategies } from '../src/pipelines/reports/betting-figures.ts';
import { loadCardsAtBetPrice } from '../src/pipelines/reports/published-cards.ts';
import type { IngestSource } from '../src/pipelines/run/pipeline-context.ts';
import { withTemporaryPipeline } from './support/temporary-pipeline.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args[i + 1];
};
const demo = args.includes('--demo');
const valued = new Set(['--now', '--from', '--to', '--backtest-start']);
const positional = args.filter((a, i) => !a.startsWith('--') && !valued.has(args[i - 1] ?? ''));
const source: IngestSource = demo
  ? { kind: 'demo', seed: Number(positional[0] ?? 42) }
  : { kind: 'football-data', paths: positional.map((p) => resolve(p)) };
const now = new Date(flag('--now') ?? (demo ? '2026-12-04T04:00:00Z' : '2026-07-01T00:00:00Z'));
const fromMs = Date.parse(flag('--from') ?? '1900-01-01');
const toMs = Date.parse(flag('--to') ?? '2100-01-01');

const base = loadParams();
const backtestStart = flag('--backtest-start');
const params = backtestStart ? { ...base, backtest: { ...base.backtest, start: backtestStart } } : base;
await withTemporaryPipeline({ prefix: 'betting', params }, async ({ db, deps: { store }, pipeline }) => {
  const t0 = performance.now();
  await pipeline.run({ source, now, log: (line) => process.stderr.write(`  ${line}\n`) });
  const seconds = (performance.now() - t0) / 1000;
  // Judged and bet as the product does: a past card at the price its bet takes (betPrice), not at the close.
  const shown = await loadCardsAtBetPrice(store, db);
  const inWindow = (c: { readonly startTimeMs: number }) => c.startTimeMs >= fromMs && c.startTimeMs < toMs;
  const cards = shown.cards.filter(inWindow);
  const candidates = shown.priced.candidates.filter(inWindow);
  const { betting } = params;
  const rule = edgeRuleOf(params);
  console.log(
    JSON.stringify(
      {
        bench: 'betting-figures',
        source: demo ? `demo seed ${(source as { seed: number }).seed}` : positional,
        now: now.toISOString(),
        window: [flag('--from') ?? null, flag('--to') ?? null],
        pipeline_seconds: Number(seconds.toFixed(1)),
        rule,
        cards: cardFigures(cards, rule, params.evaluate.margin_method),
        strategies: await compareStrategies(candidates, [0.02, 0.05, 0.1], {
          rule,
          kelly: betting.kelly,
          bootstrap: betting.bootstrap,
        }),
        region_roi: (await store.get('betting/roi_by_region.csv'))?.body.toString(),
      },
      null,
      1,
    ),
  );
});
