/** What every mark in the matches list means, shown above the list so nobody has to guess. */
export function MarksLegend() {
  return (
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
      <li>
        <b>Value</b>: the value bet (model probability × odd above 1) with its edge p·odd − 1; below it{' '}
        <b>K</b>, the Kelly stake (share of the bankroll), and once the market has closed the <b>CLV</b>{' '}
        (closing-line value). Value bets come from the probabilities shown, i.e. the published model's (the
        detail names it)
      </li>
      <li>
        <span className="mark mark-right">✓</span> / <span className="mark mark-wrong">✗</span> after the
        score: the model's <b>pick</b> was right / wrong (not the value bet)
      </li>
      <li>
        <span className="mark mark-unscored">·</span> predicted after kick-off: not graded
      </li>
    </ul>
  );
}
