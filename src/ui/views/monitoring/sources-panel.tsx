/** Source health: per provider file, the last pull, the last change, rows, failures and why (GET /monitoring/sources). */
import type { SourceView } from '../../api/monitoring.ts';
import { Empty } from '../../components/state-message.tsx';
import { type TimeZoneChoice, zonedIso, zoneLabel } from '../../logic/format.ts';

export function SourcesPanel({
  stale,
  sources,
  tz,
}: {
  readonly stale: number;
  readonly sources: readonly SourceView[];
  readonly tz: TimeZoneChoice;
}) {
  if (sources.length === 0) {
    return (
      <Empty>
        No provider file pulled yet. <code>matchcast sync</code> (or the scheduler's sync) pulls
        football-data.co.uk's files; the demo world has none.
      </Empty>
    );
  }
  return (
    <>
      <p data-testid="sources-stale" className={stale > 0 ? 'loss' : 'muted'}>
        {stale === 0
          ? 'Every watched file changed within its allowance.'
          : `${stale} stale file(s): see below.`}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways on a phone needs focus to scroll by keyboard */}
      <section className="table-scroll" tabIndex={0} aria-label="Provider files">
        <table className="small-table" data-testid="sources-table">
          <thead>
            <tr>
              <th>file</th>
              <th>status</th>
              <th>last pull ({zoneLabel(tz)})</th>
              <th>last change ({zoneLabel(tz)})</th>
              <th className="num">rows</th>
              <th className="num">failures</th>
              <th>reason</th>
            </tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.url} data-testid="source-row" className={s.stale ? 'stale' : ''}>
                <td className="mono">
                  {s.path}
                  {s.final && <span className="tag">final</span>}
                  {s.stale && <span className="tag tag-stale">stale</span>}
                </td>
                <td>{s.status}</td>
                <td>{zonedIso(s.lastAttemptAt, tz)}</td>
                <td>{zonedIso(s.lastChangedAt, tz)}</td>
                <td className="num">{s.rows ?? '—'}</td>
                <td className="num">{s.failures}</td>
                <td>{s.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
