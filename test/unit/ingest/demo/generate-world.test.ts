import { describe, expect, it } from 'vitest';
import { overround } from '../../../../src/domain/odds.ts';
import { type DemoMatch, generateDemoWorld } from '../../../../src/ingest/demo/generate-world.ts';

const DAY = 86_400_000;
const today = new Date('2026-11-22T12:00:00Z');
const world = generateDemoWorld({ seed: 7, today });

describe('generateDemoWorld', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateDemoWorld({ seed: 7, today })).toEqual(world);
    const other = generateDemoWorld({ seed: 8, today });
    expect(other.matches.map((m) => m.homeScore)).not.toEqual(world.matches.map((m) => m.homeScore));
  });

  it("has at least four regions, one of them women's football, and a few thousand matches", () => {
    expect(world.regions.length).toBeGreaterThanOrEqual(4);
    const women = world.matches.filter((m) => m.sex === 1);
    expect(women.length).toBeGreaterThan(0);
    expect(new Set(women.map((m) => m.region.code)).size).toBe(1);
    expect(world.matches.length).toBeGreaterThan(2000);
    expect(world.matches.length).toBeLessThan(6000);
  });

  it('gives every region at least three seasons of results', () => {
    for (const region of world.regions) {
      const seasons = new Set(
        world.matches
          .filter((m) => m.region.code === region.code && m.status === 'finished')
          .map((m) => m.season),
      );
      expect(seasons.size, region.name).toBeGreaterThanOrEqual(3);
    }
  });

  it('has results before today and fixtures for the next 14 days, on any day of the year', () => {
    for (const day of ['2026-01-03', '2026-05-20', '2026-06-21', '2026-07-19', '2026-08-01', '2026-11-22']) {
      const t = new Date(`${day}T09:00:00Z`);
      const w = generateDemoWorld({ seed: 1, today: t });
      const fixtures = w.matches.filter((m) => m.status === 'scheduled');
      expect(fixtures.length, day).toBeGreaterThanOrEqual(5);
      for (const m of fixtures) {
        expect(m.startTimeMs).toBeGreaterThan(t.getTime());
        expect(m.startTimeMs).toBeLessThanOrEqual(t.getTime() + 14 * DAY);
        expect(m.homeScore).toBeNull();
      }
      for (const m of w.matches.filter((x) => x.status === 'finished')) {
        expect(m.startTimeMs).toBeLessThan(t.getTime());
        expect(m.homeScore).not.toBeNull();
      }
    }
  });

  it('plays the same history whatever day it is generated up to (so advancing is deterministic)', () => {
    const later = generateDemoWorld({ seed: 7, today: new Date(today.getTime() + 40 * DAY), anchor: today });
    const byKey = new Map(later.matches.map((m) => [m.sourceKey, m]));
    for (const m of world.matches) {
      const again = byKey.get(m.sourceKey)!;
      expect(again.truth).toEqual(m.truth);
      expect(again.startTimeMs).toBe(m.startTimeMs);
      if (m.status === 'finished')
        expect([again.homeScore, again.awayScore]).toEqual([m.homeScore, m.awayScore]);
      // Prices seen by then stay as they were; the later world only adds the ones seen since.
      expect(again.odds).toEqual(expect.arrayContaining([...m.odds]));
    }
    expect(later.matches.length).toBeGreaterThan(world.matches.length);
  });

  it('keeps true probabilities that sum to one, with home advantage and realistic outcome rates', () => {
    const finished = world.matches.filter((m) => m.status === 'finished');
    let home = 0;
    let draw = 0;
    let goals = 0;
    for (const m of finished) {
      expect(m.truth.pHome + m.truth.pDraw + m.truth.pAway).toBeCloseTo(1, 9);
      if (m.homeScore! > m.awayScore!) home++;
      if (m.homeScore === m.awayScore) draw++;
      goals += m.homeScore! + m.awayScore!;
    }
    expect(home / finished.length).toBeGreaterThan(0.38);
    expect(home / finished.length).toBeLessThan(0.52);
    expect(draw / finished.length).toBeGreaterThan(0.2);
    expect(goals / finished.length).toBeGreaterThan(2.2);
    expect(goals / finished.length).toBeLessThan(3.3);
  });

  it('lets team strengths drift: the same pairing is priced differently over time', () => {
    const pairing = (m: DemoMatch) => `${m.homeTeam}|${m.awayTeam}`;
    const first = world.matches[0]!;
    const meetings = world.matches.filter((m) => pairing(m) === pairing(first));
    expect(meetings.length).toBeGreaterThan(3);
    expect(new Set(meetings.map((m) => m.truth.lambdaHome.toFixed(6))).size).toBe(meetings.length);
  });

  it('prices each match with two bookmakers from a week out, each price dated, closing at kick-off', () => {
    const todayMs = today.getTime();
    for (const m of world.matches) {
      const opensMs = m.startTimeMs - 7 * DAY;
      expect(new Set(m.odds.map((o) => o.bookmaker)).size).toBe(opensMs <= todayMs ? 2 : 0);
      expect(m.odds.some((o) => o.kind === 'closing')).toBe(m.status !== 'scheduled');
      for (const o of m.odds) {
        expect(o.observedAtMs).toBeLessThanOrEqual(Math.min(todayMs, m.startTimeMs));
        expect(o.observedAtMs === m.startTimeMs).toBe(o.kind === 'closing');
        const margin = overround([o.home, o.draw, o.away]);
        expect(margin).toBeGreaterThan(-0.02);
        expect(margin).toBeLessThan(0.15);
      }
    }
    const margins = world.matches.flatMap((m) => m.odds.map((o) => overround([o.home, o.draw, o.away])));
    expect(margins.reduce((s, x) => s + x, 0) / margins.length).toBeGreaterThan(0.02);
    // Fixtures appear two weeks ahead, before their first price.
    const unpriced = world.matches.filter((m) => m.status === 'scheduled' && m.odds.length === 0);
    expect(unpriced.length).toBeGreaterThan(0);
  });

  it('anchors history to the first day: a later anchor starts later', () => {
    const early = generateDemoWorld({ seed: 7, today, anchor: new Date('2025-11-22T00:00:00Z') });
    expect(early.matches[0]!.startTimeMs).toBeLessThan(world.matches[0]!.startTimeMs);
  });
});
