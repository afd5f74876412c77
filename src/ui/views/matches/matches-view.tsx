/**
 * The matches view: filters and the open match's detail (kept in the URL), the windowed list of cards, CSV
 * export of the rows in view, the ROI panel for the filter, the region table; refreshed every two minutes,
 * saying when the data was loaded and, after a failed refresh, that what is shown is no longer current.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { systemClock } from '../../../domain/clock.ts';
import type { MatchCard } from '../../api/cards.ts';
import type { ApiError } from '../../api/client.ts';
import type { RegionRoiView } from '../../api/region-roi.ts';
import { RefreshFailed, UpdatedAt } from '../../components/freshness.tsx';
import { Empty, ErrorMessage, Loading } from '../../components/state-message.tsx';
import { VirtualList } from '../../components/virtual-list.tsx';
import { useApiQuery } from '../../hooks/use-api-query.ts';
import { useDataSource, useEdgeRule } from '../../hooks/use-betting-method.ts';
import { useElementWidth } from '../../hooks/use-element-width.ts';
import { useValueBetRecord } from '../../hooks/use-value-bet-record.ts';
import { useViewportHeight } from '../../hooks/use-viewport-height.ts';
import { valueBetRecordText } from '../../logic/card-figures.ts';
import { cardsCsv, csvFileName } from '../../logic/csv.ts';
import { edgeSortNote } from '../../logic/edge-record.ts';
import {
  type FilterControls,
  filterCards,
  normalizeControls,
  regionsPassingRoi,
  roiSelection,
} from '../../logic/filter.ts';
import { counted, zoneLabel } from '../../logic/format.ts';
import { periodRange } from '../../logic/period.ts';
import { computeRoi } from '../../logic/roi.ts';
import { type SortKey, type SortOrder, sortCards } from '../../logic/sort.ts';
import type { UrlState } from '../../logic/url-state.ts';
import { Filters } from './filters.tsx';
import { loadCards, loadRegionRoi, MATCHES_REFRESH_MS } from './load.ts';
import { MarksLegend } from './marks-legend.tsx';
import { MatchDetail } from './match-detail.tsx';
import { MatchRow } from './match-row.tsx';
import { RegionRoiTable } from './region-roi-table.tsx';
import { RoiPanel } from './roi-panel.tsx';
import { rowLayout } from './row-layout.ts';

function downloadCsv(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function SortButton({
  sortKey,
  label,
  order,
  onSort,
}: {
  readonly sortKey: SortKey;
  readonly label: string;
  readonly order: SortOrder;
  readonly onSort: (key: SortKey) => void;
}) {
  const active = order.key === sortKey;
  return (
    <button
      type="button"
      className={active ? 'sort on' : 'sort'}
      data-testid={`sort-${sortKey}`}
      onClick={() => onSort(sortKey)}
      aria-pressed={active}
    >
      {label}
      {active ? (order.direction === 'asc' ? ' ▲' : ' ▼') : ''}
    </button>
  );
}

export interface MatchesViewProps {
  readonly state: UrlState;
  readonly onState: (next: UrlState) => void;
}

/** How current the cards and region ROI on screen are, as one line: the older load, the first failed refresh. */
interface Freshness {
  readonly loadedAt: number;
  readonly refreshError: ApiError | null;
  readonly onRetry: () => void;
}

function MatchesBody({
  cards,
  regionRoi,
  regionRoiError,
  freshness,
  state,
  onState,
}: MatchesViewProps & {
  readonly cards: readonly MatchCard[];
  readonly regionRoi: readonly RegionRoiView[];
  readonly regionRoiError: string | null;
  readonly freshness: Freshness;
}) {
  const { order, tz } = state;
  const openId = state.match;
  // The periods ("next 7 days") count from when these cards arrived; a refresh that changed nothing keeps them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: new cards are the trigger, not read inside.
  const nowMs = useMemo(() => systemClock.nowMs(), [cards]);
  const viewport = useViewportHeight();
  const listPanel = useRef<HTMLElement>(null);
  const layout = rowLayout(useElementWidth(listPanel));
  const rule = useEdgeRule();
  const dataSource = useDataSource();
  const roiRecord = useValueBetRecord();
  const record = useMemo(() => valueBetRecordText(roiRecord), [roiRecord]);
  // Sorted by edge, the list reads as "best bets first": the backtest says whether larger edges have paid.
  const orderNote = useMemo(
    () => (order.key === 'edge' ? edgeSortNote(roiRecord, order.direction) : null),
    [order.key, order.direction, roiRecord],
  );

  const regions = useMemo(() => {
    const byId = new Map<number, string>();
    for (const c of cards) if (!byId.has(c.regionId)) byId.set(c.regionId, c.regionName);
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [cards]);
  const regionIds = useMemo(() => new Set(regions.map((r) => r.id)), [regions]);
  const roiByRegion = useMemo(() => new Map(regionRoi.map((r) => [r.region_id, r.roi_pct])), [regionRoi]);
  const roiSliderMax = useMemo(() => {
    const values = regionRoi.flatMap((r) => (r.roi_pct === null ? [] : [r.roi_pct]));
    // Rounded down: the top position keeps the best region (rounded up, −2.009 % made it "≥ −2 %", which hid all).
    return values.length === 0 ? null : Math.floor(Math.max(...values));
  }, [regionRoi]);
  const controls = useMemo(
    () => normalizeControls(state.controls, regionIds, roiSliderMax),
    [state.controls, regionIds, roiSliderMax],
  );
  // The detail of any match the cards hold, whether the filter shows it or not.
  const open = useMemo(
    () => (openId === null ? null : (cards.find((c) => c.id === openId) ?? null)),
    [cards, openId],
  );
  // What a link asked for but the data does not allow leaves the URL too, so the URL says what is shown.
  useEffect(() => {
    const match = open === null ? null : openId;
    if (controls !== state.controls || match !== openId) onState({ ...state, controls, match });
  }, [controls, open, openId, state, onState]);
  const setControls = useCallback(
    (c: FilterControls) => onState({ ...state, controls: c }),
    [state, onState],
  );
  const setOrder = useCallback((o: SortOrder) => onState({ ...state, order: o }), [state, onState]);
  const setOpenId = useCallback((match: number | null) => onState({ ...state, match }), [state, onState]);
  // Typing in the search box stays responsive: the 100k-row filter runs on the deferred value.
  const deferred = useDeferredValue(controls);

  const filtered = useMemo(() => {
    const period = periodRange(deferred.period, nowMs, deferred.customFrom, deferred.customTo, tz);
    return filterCards(
      cards,
      {
        regionId: deferred.regionId,
        status: deferred.status,
        fromMs: period.fromMs,
        toMs: period.toMs,
        minRegionRoiPct: deferred.minRegionRoiPct,
        search: deferred.search,
      },
      roiByRegion,
    );
  }, [cards, deferred, nowMs, roiByRegion, tz]);
  const sorted = useMemo(() => sortCards(filtered, order), [filtered, order]);
  const roi = useMemo(() => computeRoi(filtered), [filtered]);
  const allowedRegions = useMemo(
    () => regionsPassingRoi(roiByRegion, deferred.minRegionRoiPct),
    [roiByRegion, deferred.minRegionRoiPct],
  );

  const onSort = useCallback(
    (key: SortKey) =>
      setOrder(
        order.key === key
          ? { key, direction: order.direction === 'asc' ? 'desc' : 'asc' }
          : { key, direction: key === 'kickoff' ? 'asc' : 'desc' },
      ),
    [order, setOrder],
  );
  const onClose = useCallback(() => setOpenId(null), [setOpenId]);
  // Once the detail has closed (and the list is no longer inert behind it), focus goes back to its row.
  const lastOpen = useRef<number | null>(null);
  useEffect(() => {
    if (openId !== null) {
      lastOpen.current = openId;
      return;
    }
    if (lastOpen.current === null) return;
    listPanel.current?.querySelector<HTMLElement>(`[data-match-id="${lastOpen.current}"]`)?.focus();
    lastOpen.current = null;
  }, [openId]);
  const renderRow = useCallback(
    (card: MatchCard) => <MatchRow card={card} tz={tz} rule={rule} record={record} onOpen={setOpenId} />,
    [tz, rule, record, setOpenId],
  );
  const resetKey = `${JSON.stringify(deferred)}|${order.key}|${order.direction}`;

  // Over the list, or inside the open detail: a modal leaves the list behind it inert and mostly hidden.
  const refreshNote =
    freshness.refreshError === null ? null : (
      <RefreshFailed
        loadedAt={freshness.loadedAt}
        error={freshness.refreshError}
        onRetry={freshness.onRetry}
        tz={tz}
      />
    );
  return (
    <div className="matches">
      <Filters
        value={controls}
        onChange={setControls}
        order={order}
        onOrder={setOrder}
        tz={tz}
        regions={regions}
        roiSliderMax={roiSliderMax}
        orderNote={orderNote}
      />
      {regionRoiError !== null && <p className="state-error">Region ROI unavailable: {regionRoiError}</p>}
      {open === null && refreshNote}
      <div className={freshness.refreshError === null ? 'matches-layout' : 'matches-layout stale-data'}>
        <section ref={listPanel} className={`panel list-panel rows-${layout.name}`} aria-label="Matches">
          <div className="list-meta">
            <span data-testid="row-count">{counted(sorted.length, 'match', 'matches')}</span>
            <UpdatedAt loadedAt={freshness.loadedAt} tz={tz} />
            {deferred !== controls && <span className="muted"> · updating…</span>}
            <button
              type="button"
              className="export"
              data-testid="csv-export"
              disabled={sorted.length === 0}
              onClick={() => downloadCsv(cardsCsv(sorted, tz, rule, dataSource), csvFileName(dataSource))}
            >
              Export CSV
            </button>
          </div>
          <MarksLegend />
          <div className="match-head">
            <span className="c-time">
              <SortButton
                sortKey="kickoff"
                label={`Kick-off (${zoneLabel(tz)})`}
                order={order}
                onSort={onSort}
              />
            </span>
            <span className="c-region">
              <SortButton sortKey="region" label="Region" order={order} onSort={onSort} />
            </span>
            <span className="c-teams">Home – Away</span>
            <span className="c-probs">
              <SortButton sortKey="confidence" label="H / D / A" order={order} onSort={onSort} />
            </span>
            <span className="c-pick">Pick</span>
            <span className="c-odds">Odds 1 X 2</span>
            <span className="c-value">
              <SortButton sortKey="edge" label="Value (edge)" order={order} onSort={onSort} />
            </span>
            <span className="c-result">Result</span>
          </div>
          {sorted.length === 0 ? (
            <Empty>No match fits these filters.</Empty>
          ) : (
            <VirtualList
              items={sorted}
              rowHeight={layout.rowHeight}
              height={Math.max(320, viewport - 230)}
              rowKey={(c) => c.id}
              renderRow={renderRow}
              resetKey={resetKey}
            />
          )}
        </section>
        <div className="side">
          <RoiPanel roi={roi} regionsChosenByRoi={roiSelection(roiByRegion, allowedRegions)} />
          <RegionRoiTable rows={regionRoi} allowedRegions={allowedRegions} />
        </div>
      </div>
      {open !== null && <MatchDetail card={open} tz={tz} onClose={onClose} notice={refreshNote} />}
    </div>
  );
}

export function MatchesView({ state, onState }: MatchesViewProps) {
  const cards = useApiQuery(loadCards, 'cards', { refreshMs: MATCHES_REFRESH_MS });
  const regionRoi = useApiQuery(loadRegionRoi, 'region-roi', { refreshMs: MATCHES_REFRESH_MS });
  if (cards.state === 'loading') return <Loading what="match cards" />;
  if (cards.state === 'error')
    return <ErrorMessage error={cards.error} what="match cards" onRetry={cards.reload} />;
  if (cards.data.length === 0) {
    return (
      <Empty>
        No predictions yet. Run the pipeline (<code>matchcast pipeline run</code>) and reload.
      </Empty>
    );
  }
  // The region ROI is secondary: without it the list still works, the slider is just disabled.
  if (regionRoi.state === 'loading') return <Loading what="region ROI" />;
  const freshness: Freshness = {
    loadedAt: regionRoi.state === 'ready' ? Math.min(cards.loadedAt, regionRoi.loadedAt) : cards.loadedAt,
    refreshError: cards.refreshError ?? regionRoi.refreshError,
    onRetry: () => {
      cards.reload();
      regionRoi.reload();
    },
  };
  return (
    <MatchesBody
      cards={cards.data}
      regionRoi={regionRoi.state === 'ready' ? regionRoi.data : []}
      regionRoiError={regionRoi.state === 'error' ? regionRoi.error.message : null}
      freshness={freshness}
      state={state}
      onState={onState}
    />
  );
}
