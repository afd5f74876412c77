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
        <b>Value</b>: the value bet (model probability × odd above 1) with its edge p·odd − 1
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
