/**
 * A windowed list with a fixed row height: only the rows in view (plus a small overscan) are in the DOM,
 * so 100,000 matches scroll as smoothly as 100.
 */
import { type ReactNode, useEffect, useRef, useState } from 'react';

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  readonly rowHeight: number;
  /** Height of the scrolling viewport in px. */
  readonly height: number;
  readonly renderRow: (item: T, index: number) => ReactNode;
  readonly rowKey: (item: T) => string | number;
  readonly overscan?: number;
  /** Changes when the list's content changes meaning (new filter/sort): scroll back to the top. */
  readonly resetKey?: string;
}

export function VirtualList<T>({
  items,
  rowHeight,
  height,
  renderRow,
  rowKey,
  overscan = 8,
  resetKey,
}: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey is the trigger, not read inside.
  useEffect(() => {
    if (ref.current !== null) ref.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i]!;
    rows.push(
      <div
        key={rowKey(item)}
        className="vrow"
        style={{ transform: `translateY(${i * rowHeight}px)`, height: rowHeight }}
      >
        {renderRow(item, i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      className="vlist"
      style={{ height }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="vlist-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
