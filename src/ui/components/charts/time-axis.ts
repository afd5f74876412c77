/**
 * The time axis every uPlot chart shares: ticks placed on the chosen zone's days and hours, labelled with the
 * dates the rest of the dashboard prints (`2025-11-09`, logic/format.ts) rather than uPlot's US default (`11/9`).
 */
import uPlot from 'uplot';
import { type TimeZoneChoice, timeTickLabels } from '../../logic/format.ts';

/** uPlot places time ticks in the browser's zone unless given another: UTC when chosen. */
export function zoneOptions(tz: TimeZoneChoice): Pick<uPlot.Options, 'tzDate'> {
  return tz === 'utc' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {};
}

/** The x axis (uPlot counts seconds); a date label needs about 80 px, so a phone gets fewer ticks, never overlapping ones. */
export function timeAxis(tz: TimeZoneChoice): uPlot.Axis {
  return {
    size: 32,
    gap: 4,
    space: 80,
    values: (_u, splits, _axis, _space, step) =>
      timeTickLabels(
        splits.map((s) => s * 1000),
        step * 1000,
        tz,
      ),
  };
}
