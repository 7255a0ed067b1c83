import * as React from 'react';

import { countsText, formatTime, MISSING, shortId } from '../format';
import { IItem, SortKey } from '../types';
import { CopyId } from './CopyId';
import { StateBadge } from './StateBadge';

export type Column =
  | 'name'
  | 'id'
  | 'type'
  | 'provider'
  | 'target'
  | 'state'
  | 'submitted'
  | 'started'
  | 'ended'
  | 'cost'
  | 'actions';

export interface IItemTableProps {
  items: IItem[];
  columns: Column[];
  label: string;
  onOpen: (item: IItem) => void;
  sort?: {
    key: SortKey;
    order: 'asc' | 'desc';
    onSort: (key: SortKey) => void;
  };
  renderActions?: (item: IItem) => React.ReactNode;
  emptyText: string;
}

/** What a column is: its header, its sort key (if the server sorts by it), its cell. */
export interface IColumnSpec {
  key: Column;
  header: string;
  sortKey?: SortKey;
  cell: (item: IItem, props: IItemTableProps) => React.ReactNode;
}

/** Every column a table can show, in one place; tables pick theirs by key. */
export const COLUMNS: readonly IColumnSpec[] = [
  {
    key: 'name',
    header: 'Name',
    sortKey: 'name',
    cell: (item, props) => (
      <>
        <button
          type="button"
          className="jp-qsession-link"
          onClick={() => props.onOpen(item)}
          title={`Open ${item.type.toLowerCase()} ${item.name || item.id}`}
        >
          {item.name || item.id}
        </button>
        <NameDetails item={item} />
      </>
    )
  },
  { key: 'id', header: 'Id', cell: item => <CopyId id={item.id} /> },
  { key: 'type', header: 'Type', sortKey: 'type', cell: item => item.type },
  {
    key: 'provider',
    header: 'Provider',
    sortKey: 'provider',
    cell: item => item.provider_id ?? MISSING
  },
  {
    key: 'target',
    header: 'Target',
    sortKey: 'target',
    cell: item => item.target ?? MISSING
  },
  {
    key: 'state',
    header: 'Status',
    sortKey: 'state',
    cell: item => <StateBadge state={item.state} />
  },
  {
    key: 'submitted',
    header: 'Submission time',
    sortKey: 'submitted',
    cell: item => formatTime(item.creation_time)
  },
  {
    key: 'started',
    header: 'Started',
    cell: item => formatTime(item.begin_execution_time)
  },
  {
    key: 'ended',
    header: 'Ended',
    cell: item => formatTime(item.end_execution_time)
  },
  {
    key: 'cost',
    header: 'Cost estimate',
    cell: item => item.cost?.display ?? MISSING
  },
  {
    key: 'actions',
    header: 'Actions',
    cell: (item, props) => props.renderActions?.(item) ?? null
  }
];

/** The workspace list's columns, as the portal's Job management blade shows them. */
export const LIST_COLUMNS: Column[] = [
  'name',
  'id',
  'type',
  'provider',
  'target',
  'state',
  'submitted',
  'cost'
];

const BY_KEY = new Map(COLUMNS.map(column => [column.key, column]));

function spec(key: Column): IColumnSpec {
  const found = BY_KEY.get(key);
  if (!found) {
    throw new Error(`Unknown column '${key}'`);
  }
  return found;
}

/**
 * Under the name: a session's job counts, and (when the Id and time columns
 * are hidden in a narrow sidebar) a short id and the submission time, so two
 * items with the same name can be told apart.
 */
function NameDetails(props: { item: IItem }): JSX.Element {
  const { item } = props;
  return (
    <span className="jp-qsession-name-details">
      {item.jobs && (
        <span
          className="jp-qsession-job-counts"
          title={countsText(item.jobs.counts)}
        >
          {countsText(item.jobs.counts)}
        </span>
      )}
      <span className="jp-qsession-narrow-only">
        <code>{shortId(item.id)}</code>{' '}
        <span>{formatTime(item.creation_time)}</span>
      </span>
    </span>
  );
}

/** Arrow keys move between rows, as in a list; Enter on a name opens it. */
function moveFocus(event: React.KeyboardEvent<HTMLTableSectionElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') {
    return;
  }
  const links = Array.from(
    event.currentTarget.querySelectorAll<HTMLButtonElement>('.jp-qsession-link')
  );
  const index = links.findIndex(link => link === document.activeElement);
  const next = index + (event.key === 'ArrowDown' ? 1 : -1);
  if (index >= 0 && next >= 0 && next < links.length) {
    links[next].focus();
    event.preventDefault();
  }
}

export function ItemTable(props: IItemTableProps): JSX.Element {
  const { sort } = props;
  return (
    <div className="jp-qsession-table-wrap">
      <table className="jp-qsession-table" aria-label={props.label}>
        <thead>
          <tr>
            {props.columns.map(spec).map(({ key: column, header, sortKey }) => {
              const key = sort ? sortKey : undefined;
              if (!sort || !key) {
                return (
                  <th key={column} className={`jp-qsession-col-${column}`}>
                    {header}
                  </th>
                );
              }
              const active = sort.key === key;
              return (
                <th
                  key={column}
                  className={`jp-qsession-col-${column}`}
                  aria-sort={
                    active
                      ? sort.order === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : 'none'
                  }
                >
                  <button
                    type="button"
                    className="jp-qsession-sort"
                    onClick={() => sort.onSort(key)}
                  >
                    {header}
                    <span aria-hidden="true">
                      {active ? (sort.order === 'asc' ? ' ↑' : ' ↓') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {props.items.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} className="jp-qsession-empty">
                {props.emptyText}
              </td>
            </tr>
          ) : (
            props.items.map(item => (
              <tr
                key={item.id}
                data-item-id={item.id}
                data-item-type={item.item_type}
                data-state={item.state ?? ''}
                className={
                  item.pending
                    ? 'jp-qsession-row jp-mod-pending'
                    : 'jp-qsession-row'
                }
              >
                {props.columns.map(spec).map(column => (
                  <td
                    key={column.key}
                    className={`jp-qsession-col-${column.key}`}
                  >
                    {column.cell(item, props)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
