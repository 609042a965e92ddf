// The virtualised history grid: only the rows in view (plus a few) are in the DOM, and only their
// blocks are fetched, so 100k submissions scroll as smoothly as 100. Keyboard: arrows, Page Up/Down,
// Home/End move between rows; Enter opens the submission; Ctrl+C (Cmd+C) copies its number and
// Ctrl+Shift+C its dossier UUID, as the copy buttons in the row do with the mouse.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { HistorySort, SubmissionRow } from '../../../src-preload/contract';
import { CopyButton } from '../../components/CopyButton';
import { ModeBadge } from '../../components/ModeBadge';
import { StatusPill } from '../../components/StatusPill';
import { copyText } from '../../lib/clipboard';
import { formatCompact, formatDateTime } from '../../lib/format';
import { rowAt, useHistory } from '../../stores/history';
import { COLUMNS, GRID_TEMPLATE, issuesLabel, kindLabel, type Column } from './columns';

const ROW_HEIGHT = 40;
/** The sticky header sits inside the scroll container, above the first row. */
const HEADER_HEIGHT = 40;

export function HistoryTable({ sort, onSort, onOpen }: { sort: HistorySort; onSort: (s: HistorySort) => void; onOpen: (row: SubmissionRow) => void }) {
  const total = useHistory((s) => s.total);
  const blocks = useHistory((s) => s.blocks);
  const key = useHistory((s) => s.key);
  const ensureRange = useHistory((s) => s.ensureRange);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState(0);
  const count = total ?? 0;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  // Exactly one row is in the tab order: the focused one, or the first in view when it scrolled away.
  const tabbableIndex = focusIndex >= first && focusIndex <= last ? focusIndex : first;

  useEffect(() => {
    ensureRange(first, last);
  }, [first, last, key, total, ensureRange]);

  // A new query starts at the top.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setFocusIndex(0);
  }, [key]);

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(count - 1, index));
    setFocusIndex(i);
    virtualizer.scrollToIndex(i, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus());
  };

  const handleKey = (e: KeyboardEvent, index: number, row: SubmissionRow | undefined) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) focusRow(index + (moves[e.key] ?? 0));
    else if (e.key === 'Home') focusRow(0);
    else if (e.key === 'End') focusRow(count - 1);
    else if ((e.key === 'Enter' || e.key === ' ') && row) onOpen(row);
    else if (row && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && !window.getSelection()?.toString()) {
      const text = e.shiftKey ? row.dossierUuid : row.submissionNumber;
      if (text) void copyText(text);
    } else return;
    e.preventDefault();
  };
  // Stable callbacks for the memoised rows: a scroll re-renders the table, not every row in view.
  const latest = useRef({ handleKey, onOpen });
  latest.current = { handleKey, onOpen };
  const onKey = useCallback((e: KeyboardEvent, index: number, row: SubmissionRow | undefined) => latest.current.handleKey(e, index, row), []);
  const openRow = useCallback((row: SubmissionRow) => latest.current.onOpen(row), []);

  return (
    <div
      className="history-grid"
      role="grid"
      aria-label="Submissions"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      data-query-key={key ?? ''}
      data-total={total ?? ''}
    >
      {/* One scroll container for header and rows, so they scroll sideways together; the header sticks. */}
      <div className="history-grid__scroll" ref={scrollRef}>
        <div className="history-grid__head" role="rowgroup">
          <div className="history-grid__row history-grid__row--head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: GRID_TEMPLATE, height: HEADER_HEIGHT }}>
            {COLUMNS.map((c) => (
              <HeaderCell key={c.id} column={c} sort={sort} onSort={onSort} />
            ))}
          </div>
        </div>
        <div className="history-grid__body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => (
            <HistoryRow
              key={v.key}
              index={v.index}
              top={v.start - HEADER_HEIGHT}
              row={rowAt(blocks, v.index)}
              tabbable={v.index === tabbableIndex}
              onKey={onKey}
              onOpen={openRow}
              onFocus={setFocusIndex}
            />
          ))}
        </div>
      </div>
    </div>
  );
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: HistorySort; onSort: (s: HistorySort) => void }) {
  const active = column.sort !== null && sort.column === column.sort;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <div role="columnheader" aria-sort={column.sort ? ariaSort : undefined} className="history-grid__cell history-grid__cell--head">
      {column.sort ? (
        <button
          type="button"
          className={`sort-button${active ? ' sort-button--active' : ''}`}
          onClick={() => {
            const col = column.sort;
            if (!col) return;
            onSort({ column: col, direction: active && sort.direction === 'desc' ? 'asc' : active ? 'desc' : col === 'submittedAt' || col === 'lastEventAt' || col === 'failCount' ? 'desc' : 'asc' });
          }}
        >
          {column.label}
          <span aria-hidden="true" className="sort-button__arrow">
            {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      ) : (
        column.label
      )}
    </div>
  );
}

const HistoryRow = memo(function HistoryRow({
  index,
  top,
  row,
  tabbable,
  onKey,
  onOpen,
  onFocus,
}: {
  index: number;
  top: number;
  row: SubmissionRow | undefined;
  tabbable: boolean;
  onKey: (e: KeyboardEvent, index: number, row: SubmissionRow | undefined) => void;
  onOpen: (row: SubmissionRow) => void;
  onFocus: (index: number) => void;
}) {
  const common = {
    role: 'row',
    'aria-rowindex': index + 2,
    'data-index': index,
    tabIndex: tabbable ? 0 : -1,
    style: { gridTemplateColumns: GRID_TEMPLATE, height: ROW_HEIGHT, transform: `translateY(${top}px)` },
    onKeyDown: (e: KeyboardEvent) => onKey(e, index, row),
    onFocus: () => onFocus(index),
  } as const;
  if (!row) {
    return (
      <div {...common} className="history-grid__row history-grid__row--loading" aria-busy="true">
        {COLUMNS.map((c) => (
          <div key={c.id} role="gridcell" className="history-grid__cell">
            <span className="skeleton" />
          </div>
        ))}
      </div>
    );
  }
  const issues = issuesLabel(row);
  return (
    <div
      {...common}
      className={`history-grid__row history-grid__row--${row.mode.kind}`}
      data-submission-id={row.id}
      onClick={() => onOpen(row)}
      aria-label={`${row.submissionNumber}, ${row.status}`}
      aria-keyshortcuts="Control+C Control+Shift+C"
    >
      <div role="gridcell" className="history-grid__cell" title={formatDateTime(row.submittedAt, true)}>
        {formatCompact(row.submittedAt)}
      </div>
      <div role="gridcell" className="history-grid__cell history-grid__cell--copy mono">
        <span className="history-grid__text">{row.submissionNumber}</span>
        <CopyButton text={row.submissionNumber} label="Copy submission number" compact tabIndex={-1} />
      </div>
      <div role="gridcell" className="history-grid__cell">
        <StatusPill status={row.status} pendingTooLong={row.pendingTooLong} />
      </div>
      <div role="gridcell" className="history-grid__cell" title={row.leUuid}>{row.profileName}</div>
      <div role="gridcell" className="history-grid__cell">
        <ModeBadge mode={row.mode} size="small" />
      </div>
      <div role="gridcell" className="history-grid__cell">{kindLabel(row)}</div>
      <div role="gridcell" className="history-grid__cell history-grid__cell--copy" title={row.dossierName ?? undefined}>
        <span className="history-grid__text">{row.fileName ?? row.dossierName ?? (row.referencedPssi ? `Ref. ${row.referencedPssi}` : '—')}</span>
        {row.dossierUuid && <CopyButton text={row.dossierUuid} label="Copy dossier UUID" compact tabIndex={-1} />}
      </div>
      <div role="gridcell" className={`history-grid__cell${row.counts.fail || row.counts.exception ? ' text-fail' : ''}`}>{issues || '—'}</div>
      <div role="gridcell" className="history-grid__cell" title={row.lastEventAt ? formatDateTime(row.lastEventAt, true) : undefined}>
        {formatCompact(row.lastEventAt)}
      </div>
    </div>
  );
});
