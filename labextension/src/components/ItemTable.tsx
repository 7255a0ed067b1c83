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

const HEADERS: Record<Column, string> = {
  name: 'Name',
  id: 'Id',
  type: 'Type',
  provider: 'Provider',
  target: 'Target',
  state: 'Status',
  submitted: 'Submission time',
  started: 'Started',
  ended: 'Ended',
  cost: 'Cost estimate',
  actions: 'Actions'
};

/** Columns the server can sort by, and their sort keys. */
const SORTABLE: Partial<Record<Column, SortKey>> = {
  name: 'name',
  type: 'type',
  provider: 'provider',
  target: 'target',
  state: 'state',
  submitted: 'submitted'
};

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

function cell(
  item: IItem,
  column: Column,
  props: IItemTableProps
): React.ReactNode {
  switch (column) {
    case 'name':
      return (
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
      );
    case 'id':
      return <CopyId id={item.id} />;
    case 'type':
      return item.type;
    case 'provider':
      return item.provider_id ?? MISSING;
    case 'target':
      return item.target ?? MISSING;
    case 'state':
      return <StateBadge state={item.state} />;
    case 'submitted':
      return formatTime(item.creation_time);
    case 'started':
      return formatTime(item.begin_execution_time);
    case 'ended':
      return formatTime(item.end_execution_time);
    case 'cost':
      return item.cost?.display ?? MISSING;
    case 'actions':
      return props.renderActions?.(item) ?? null;
  }
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
            {props.columns.map(column => {
              const key = sort ? SORTABLE[column] : undefined;
              if (!sort || !key) {
                return (
                  <th key={column} className={`jp-qsession-col-${column}`}>
                    {HEADERS[column]}
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
                    {HEADERS[column]}
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
                {props.columns.map(column => (
                  <td key={column} className={`jp-qsession-col-${column}`}>
                    {cell(item, column, props)}
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
