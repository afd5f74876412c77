/**
 * The demo world must look like a real market to a sceptical bettor: under default params the figures of its
 * match cards stay inside the ranges documented in docs/model-quality.md ("The demo world against real data"),
 * which hold on real closing prices too. A simulator drifting back to a value bet on 94% of cards fails here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { edgeRuleOf, loadParams } from '../../src/config/params.ts';
import { generateDemoWorld } from '../../src/ingest/demo/generate-world.ts';
import { writeDemoWorld } from '../../src/ingest/demo/write-world.ts';
import { cardFigures } from '../../src/pipelines/reports/betting-figures.ts';
import { loadCardsAtBetPrice } from '../../src/pipelines/reports/published-cards.ts';
import { createPipeline } from '../../src/pipelines/run/pipeline.ts';
import { createModelRegistry } from '../../src/registry/model-registry.ts';
import { createRunRepository } from '../../src/registry/run-repository.ts';
import { createFileArtifactStore } from '../../src/storage/file-artifact-store.ts';
import { openMigratedPglite } from '../support/pglite-template.ts';

const today = new Date('2026-10-10T12:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'matchcast-demo-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the demo world against the documented ranges', () => {
  it('advertises value bets, edges and labels like a real market, and its market beats the model', {
    timeout: 120_000,
  }, async () => {
    const { db, dispose } = await openMigratedPglite();
    try {
      // A small world (three years of history instead of the default five) keeps the test to seconds.
      await writeDemoWorld(db, generateDemoWorld({ seed: 5, today, historyYears: 3 }));
      const store = createFileArtifactStore(join(dir, 'artifacts'));
      const params = loadParams();
      await createPipeline({
        db,
        store,
        registry: createModelRegistry({ db, store }),
        runs: createRunRepository(db),
        params,
        modelName: 'soccer-match-outcome',
      }).run({ source: { kind: 'none' }, now: today });
      const rule = edgeRuleOf(params);
      const f = cardFigures((await loadCardsAtBetPrice(store, db)).cards, rule);
      expect(f.priced).toBeGreaterThan(1500);
      expect(f.value_bet_share).toBeGreaterThan(0.25);
      expect(f.value_bet_share).toBeLessThan(0.65);
      expect(f.suspect_edges / f.priced).toBeLessThan(0.4);
      expect(f.median_edge).toBeGreaterThan(0.06);
      expect(f.median_edge).toBeLessThan(0.18);
      expect(f.max_edge).toBeLessThanOrEqual(rule.ceiling);
      expect(f.predicted_mix.draw).toBeLessThan(0.05);
      expect(f.predicted_mix.home).toBeGreaterThan(0.55);
      expect(f.predicted_mix.home).toBeLessThan(0.85);
      expect(f.median_margin).toBeGreaterThan(0.04);
      expect(f.median_margin).toBeLessThan(0.07);
      expect(f.market_log_loss).toBeLessThan(f.model_log_loss as number);
    } finally {
      await dispose();
    }
  });
});
