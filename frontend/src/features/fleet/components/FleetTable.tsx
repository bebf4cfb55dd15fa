import { Spin } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { Bot } from '../types';

import './fleetTable.css';

// A column of the fleet table. `from` hides it below a screen width (the same steps as antd's
// grid: sm 576, md 768, lg 992, xxl 1600 px).
export interface FleetColumn {
  key: string;
  title: string;
  width: number;
  render: (bot: Bot) => ReactNode;
  sorter?: (a: Bot, b: Bot) => number;
  from?: 'sm' | 'md' | 'lg' | 'xxl';
  align?: 'right';
  ellipsis?: boolean;
}

interface FleetTableProps {
  bots: Bot[];
  columns: FleetColumn[];
  loading: boolean;
  // Height of the scrolling body once the rows are windowed.
  height: number;
  // Present when rows can be selected.
  selectedIds?: string[];
  onSelect?: (ids: string[]) => void;
}

type Order = 'ascending' | 'descending';

// Above this many bots only the rows in view (plus a margin) are in the DOM. Rows have one line
// of content, so they share one height.
const kWindowFrom = 50;
const kRowHeight = 49;
const kOverscan = 8;

// The fleet page's table: a plain <table> rather than antd's Table, which brings pagination,
// selects, menus and filter dropdowns the first screen does not use.
export function FleetTable({ bots, columns, loading, height, selectedIds, onSelect }: FleetTableProps) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ key: string; order: Order } | null>(null);
  const [scrollTop, setScrollTop] = useState(0);

  const rows = useMemo(() => {
    const column = columns.find((item) => item.key === sort?.key);
    if (!sort || !column?.sorter) return bots;
    const sign = sort.order === 'ascending' ? 1 : -1;
    return bots.slice().sort((a, b) => sign * column.sorter!(a, b));
  }, [bots, columns, sort]);

  // Ascending, then descending, then back to the server's order.
  const toggleSort = (key: string) =>
    setSort((current) => {
      if (current?.key !== key) return { key, order: 'ascending' };
      return current.order === 'ascending' ? { key, order: 'descending' } : null;
    });

  const windowed = rows.length > kWindowFrom;
  const first = windowed ? Math.max(0, Math.floor(scrollTop / kRowHeight) - kOverscan) : 0;
  const count = windowed ? Math.ceil(height / kRowHeight) + 2 * kOverscan : rows.length;
  const shown = rows.slice(first, first + count);
  const padTop = first * kRowHeight;
  const padBottom = windowed ? (rows.length - first - shown.length) * kRowHeight : 0;

  const selected = new Set(selectedIds ?? []);
  const allSelected = rows.length > 0 && rows.every((bot) => selected.has(bot.id));
  const someSelected = !allSelected && rows.some((bot) => selected.has(bot.id));
  const span = columns.length + (onSelect ? 1 : 0);
  const cellClass = (column: FleetColumn) =>
    [
      column.from ? `fleet-col-${column.from}` : '',
      column.align === 'right' ? 'fleet-cell-right' : '',
      column.ellipsis ? 'fleet-cell-ellipsis' : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined;

  return (
    <Spin spinning={loading && rows.length > 0}>
      <div
        className="fleet-table-scroll"
        style={windowed ? { maxHeight: height, overflowY: 'auto' } : undefined}
        onScroll={windowed ? (event) => setScrollTop(event.currentTarget.scrollTop) : undefined}
      >
        <table className="fleet-table">
          <thead>
            <tr>
              {onSelect ? (
                <th className="fleet-cell-select">
                  <input
                    type="checkbox"
                    aria-label={t('fleet.selectAll')}
                    checked={allSelected}
                    ref={(input) => {
                      if (input) input.indeterminate = someSelected;
                    }}
                    onChange={() => onSelect(allSelected ? [] : rows.map((bot) => bot.id))}
                  />
                </th>
              ) : null}
              {columns.map((column) => (
                <th
                  key={column.key}
                  style={{ width: column.width }}
                  className={cellClass(column)}
                  aria-sort={sort?.key === column.key ? sort.order : undefined}
                >
                  {column.sorter ? (
                    <button
                      type="button"
                      className="fleet-sort"
                      title={t('fleet.sortBy', { column: column.title })}
                      onClick={() => toggleSort(column.key)}
                    >
                      {column.title}
                      <span aria-hidden="true" className="fleet-sort-mark">
                        {sort?.key !== column.key ? '↕' : sort.order === 'ascending' ? '↑' : '↓'}
                      </span>
                    </button>
                  ) : (
                    column.title
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {loading && rows.length === 0 ? (
              <tr>
                <td colSpan={span} className="fleet-cell-loading">
                  <Spin />
                </td>
              </tr>
            ) : null}
            {padTop > 0 ? <tr aria-hidden="true" style={{ height: padTop }} /> : null}
            {shown.map((bot) => (
              // ant-table-row: the class the console benchmark waits for on the fleet page.
              <tr
                key={bot.id}
                data-row-key={bot.id}
                className={`fleet-row ant-table-row${selected.has(bot.id) ? ' fleet-row--selected' : ''}`}
                style={windowed ? { height: kRowHeight } : undefined}
              >
                {onSelect ? (
                  <td className="fleet-cell-select">
                    <input
                      type="checkbox"
                      aria-label={t('fleet.selectBot', { id: bot.id })}
                      checked={selected.has(bot.id)}
                      onChange={(event) =>
                        onSelect(
                          event.target.checked
                            ? [...(selectedIds ?? []), bot.id]
                            : (selectedIds ?? []).filter((id) => id !== bot.id),
                        )
                      }
                    />
                  </td>
                ) : null}
                {columns.map((column) => (
                  <td key={column.key} className={cellClass(column)}>
                    {column.render(bot)}
                  </td>
                ))}
              </tr>
            ))}
            {padBottom > 0 ? <tr aria-hidden="true" style={{ height: padBottom }} /> : null}
          </tbody>
        </table>
      </div>
    </Spin>
  );
}
