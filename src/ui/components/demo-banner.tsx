/**
 * On the demo world, one line above every view saying so. Its teams, results and prices are invented, so a model
 * that beats its market or a positive ROI there proves nothing about real football; the pages otherwise look
 * exactly like real data. Not dismissable, on purpose: every screenshot of a view carries it.
 */
import { useDataSource } from '../hooks/use-betting-method.ts';

export function DemoBanner() {
  const source = useDataSource();
  if (source?.kind !== 'demo') return null;
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      <strong>Demo:</strong> a simulated world{source.seed === null ? '' : ` (seed ${source.seed})`}. Teams,
      results and prices are invented, and its weeks of published predictions were made at start-up on a
      virtual clock: no figure here says anything about real football. For real data, run{' '}
      <code>matchcast up --data &lt;folder of football-data.co.uk CSVs&gt;</code>.
    </p>
  );
}
