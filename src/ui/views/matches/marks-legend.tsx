/**
 * What every mark in the matches list means, above the list so nobody has to guess. Open on a wide screen; on a
 * phone it would fill the first screen before a single match, so there it starts folded.
 */
import { useState } from 'react';
import { useEdgeRule } from '../../hooks/use-betting-method.ts';
import { pct } from '../../logic/format.ts';

export function MarksLegend() {
  // The rule as the server applies it (params.yaml `betting`); named rather than guessed until it is read.
  const rule = useEdgeRule();
  const threshold = rule === null ? 'the edge threshold' : pct(rule.threshold, 0);
  const ceiling = rule === null ? 'the sanity ceiling' : pct(rule.ceiling, 0);
  const tooFew = rule === null ? 'too few' : `fewer than ${rule.minMatchesPlayed}`;
  const [openAtFirst] = useState(() => window.matchMedia('(min-width: 721px)').matches);
  return (
    <details className="marks-legend" open={openAtFirst}>
      <summary>What the marks mean</summary>
      <ul className="legend-list" data-testid="marks-legend" aria-label="Legend">
        <li>
          <span className="legend-bar" aria-hidden="true">
            <span className="seg-home" />
            <span className="seg-draw" />
            <span className="seg-away" />
          </span>{' '}
          model's home / draw / away probabilities
        </li>
        <li>
          <b>Pick</b>: the model's most likely outcome
        </li>
        <li>
          <b>O</b> / <b>B</b> under the pick (where known): probability of over 2.5 goals / of both teams
          scoring
        </li>
        <li data-testid="legend-value">
          <b>Value</b>: the value bet, the outcome whose edge p·odd − 1 is at least {threshold} and at most{' '}
          {ceiling}, with that edge; below it the price it is judged at, <b>K</b>, the Kelly stake (share of
          the bankroll; shown only while value bets are green), and once the market has closed the <b>CLV</b>{' '}
          (closing-line value). Value bets come from the probabilities shown, i.e. the published model's (the
          detail names it). A value bet is <span className="gain">green</span> only when value bets have won
          in the walk-forward backtest (its ROI interval wholly above zero, and its CLV's not below),{' '}
          <span className="loss">red</span> when they have lost or lost to the closing line (either interval
          wholly below zero), plain otherwise: an edge is the model's disagreement with the market, and their
          record says whether such disagreements have paid
        </li>
        <li data-testid="legend-far">
          <b>far from market</b>: an edge above {ceiling}, where the model disagrees with the market too much
          to advertise a bet (a possible data error, or the model missing what the market knows);{' '}
          <b>check prices</b>: the bookmaker's prices pay out more than they take in, a data error;{' '}
          <b>little history</b>: a team had {tooFew} earlier matches in the data when it was predicted (a
          promoted club, a league's first fixtures), too few for the model to know it
        </li>
        <li>
          <span className="mark mark-right">✓</span> / <span className="mark mark-wrong">✗</span> after the
          score: the model's <b>pick</b> was right / wrong (not the value bet)
        </li>
        <li>
          <span className="mark mark-unscored">·</span> predicted after kick-off: not graded
        </li>
      </ul>
    </details>
  );
}
