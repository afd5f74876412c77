/**
 * How current refreshed data is, said the same way on every view that refreshes: when it was loaded, and after
 * a failed refresh, since when it has not been and why, with Retry. The view keeps showing the old data, set
 * apart by the `stale-data` class, so an outage never empties the screen nor passes for current data.
 */
import type { ApiError } from '../api/client.ts';
import { type TimeZoneChoice, zonedClock, zoneLabel } from '../logic/format.ts';

/** "updated 14:05:09 UTC": when the data on screen was last loaded (or found unchanged) from the API. */
export function UpdatedAt({ loadedAt, tz }: { readonly loadedAt: number; readonly tz: TimeZoneChoice }) {
  return (
    <span className="muted updated" data-testid="updated">
      updated {zonedClock(loadedAt, tz)} {zoneLabel(tz)}
    </span>
  );
}

/** The note over data a refresh failed to renew: since when it is old, why, and a way to ask again. */
export function RefreshFailed({
  loadedAt,
  error,
  onRetry,
  tz,
}: {
  readonly loadedAt: number;
  readonly error: ApiError;
  readonly onRetry: () => void;
  readonly tz: TimeZoneChoice;
}) {
  return (
    <p className="state-error" role="status" data-testid="refresh-failed">
      <strong>Not updated since {zonedClock(loadedAt, tz)}</strong>: the refresh failed (
      {error.message.replace(/\.$/, '')}), so what follows may no longer be true.{' '}
      <button type="button" className="link-button" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
