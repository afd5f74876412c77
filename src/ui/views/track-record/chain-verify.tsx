/** The prediction chain's head and how anyone can check that the record was not rewritten. */
import type { ChainHeadView } from '../../api/track-record.ts';
import { ErrorMessage, Loading } from '../../components/state-message.tsx';
import type { Resource } from '../../hooks/use-api-query.ts';
import { count, type TimeZoneChoice, zonedIso, zoneLabel } from '../../logic/format.ts';

export function ChainVerify({
  chain,
  onRetry,
  tz,
}: {
  /** The chain head; ready with null when nothing is chained yet. */
  readonly chain: Resource<ChainHeadView | null>;
  readonly onRetry: () => void;
  readonly tz: TimeZoneChoice;
}) {
  const head = chain.state === 'ready' ? chain.data : null;
  return (
    <section
      className="panel chain-verify"
      id="verify"
      aria-labelledby="verify-title"
      data-testid="tr-verify"
    >
      <h2 id="verify-title">Verify this record</h2>
      {chain.state === 'loading' ? (
        <Loading what="the chain head" />
      ) : chain.state === 'error' ? (
        <ErrorMessage error={chain.error} what="the chain head" onRetry={onRetry} />
      ) : head === null ? (
        <p data-testid="tr-head-none">
          Nothing is chained yet: the chain starts with the first prediction published before a kick-off.
        </p>
      ) : (
        <dl className="facts">
          <dt>Chain head</dt>
          <dd className="mono hash" data-testid="tr-head-hash">
            {head.hash}
          </dd>
          <dt>Entries</dt>
          <dd data-testid="tr-head-seq">{count(head.seq)}</dd>
          <dt>Latest logged</dt>
          <dd data-testid="tr-head-time">
            {zonedIso(head.logged_at, tz)} {zoneLabel(tz)}
          </dd>
        </dl>
      )}
      <p>
        Every prediction counted here was hashed into an append-only chain when it was logged: each entry's
        SHA-256 covers the one before it, so changing, removing or back-dating any prediction changes the
        head. Write the head down (or keep this page's copy) and check it later:
      </p>
      <pre className="code">
        {[
          'matchcast verify-track-record                      # the database, entry by entry',
          'matchcast export-track-record --out export.jsonl   # the chain as JSON lines',
          `matchcast verify-track-record --file export.jsonl --head ${head?.hash ?? '<hash you noted>'}`,
        ].join('\n')}
      </pre>
      <p className="footnote">
        It prints <code>track record verified</code> when every entry links to the one before, hashes to its
        stored hash and was logged before its kick-off. The export can also be checked without Matchcast, with
        Node or <code>sha256sum</code> alone: the recipe is in <code>docs/track-record.md</code>{' '}
        ("Verifying"). The head is also served at <code>GET /v1/predict/track-record/head</code>.
      </p>
    </section>
  );
}
