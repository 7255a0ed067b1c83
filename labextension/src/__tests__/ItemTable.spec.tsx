/**
 * ItemTable: headers and cells from the column descriptors, sorting, opening,
 * actions, the empty text and keyboard moves, as a user of the sidebar sees them.
 */
import * as React from 'react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { COLUMNS, ItemTable, LIST_COLUMNS } from '../components/ItemTable';
import { MISSING } from '../format';
import { item, sessionItem } from './fakes';
import { click, mount, rowsOf, unmountAll } from './render';

afterEach(unmountAll);

function headers(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('th')).map(th =>
    (th.textContent ?? '').trim()
  );
}

describe('ItemTable', () => {
  it('shows the columns it is given, in order, with their headers and cells', () => {
    const job = item({
      cost: { currency: 'USD', total: 0.3, display: '$0.30', events: [] }
    });
    const session = sessionItem({ provider_id: null });
    const { container } = mount(
      <ItemTable
        label="Sessions and jobs"
        items={[session, job]}
        columns={LIST_COLUMNS}
        onOpen={() => undefined}
        emptyText="none"
      />
    );
    expect(headers(container)).toEqual([
      'Name',
      'Id',
      'Type',
      'Provider',
      'Target',
      'Status',
      'Submission time',
      'Cost estimate'
    ]);
    const [sessionRow, jobRow] = rowsOf(container.querySelector('table')!);
    expect(sessionRow[0]).toContain('VQE loop');
    expect(sessionRow[0]).toContain('3 jobs: 1 Executing, 2 Succeeded');
    expect(sessionRow[2]).toBe('Session');
    expect(sessionRow[3]).toBe(MISSING);
    expect(sessionRow[5]).toBe('Executing');
    expect(jobRow.slice(2, 6)).toEqual([
      'Quantum Computing',
      'ionq',
      'ionq.simulator',
      'Succeeded'
    ]);
    expect(jobRow[6]).toBe('2026-11-30 20:22:57');
    expect(jobRow[7]).toBe('$0.30');
    const rows = container.querySelectorAll('tbody tr');
    expect(rows[0].className).toContain('jp-mod-pending');
    expect(rows[1].getAttribute('data-state')).toBe('Succeeded');
    // Each cell carries its column's class, which the narrow-sidebar CSS hides by.
    expect(rows[1].querySelector('td.jp-qsession-col-cost')?.textContent).toBe(
      '$0.30'
    );
  });

  it('has one descriptor per column key', () => {
    const keys = COLUMNS.map(column => column.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('actions');
  });

  it('sorts by the sortable columns only, and marks the active one', () => {
    const onSort = vi.fn();
    const { container } = mount(
      <ItemTable
        label="t"
        items={[item()]}
        columns={LIST_COLUMNS}
        onOpen={() => undefined}
        sort={{ key: 'submitted', order: 'desc', onSort }}
        emptyText="none"
      />
    );
    const sortable = Array.from(
      container.querySelectorAll('th button.jp-qsession-sort')
    ).map(button => button.textContent?.replace(/[↑↓]/g, '').trim());
    expect(sortable).toEqual([
      'Name',
      'Type',
      'Provider',
      'Target',
      'Status',
      'Submission time'
    ]);
    const submitted = container.querySelector('th.jp-qsession-col-submitted')!;
    expect(submitted.getAttribute('aria-sort')).toBe('descending');
    expect(submitted.textContent).toContain('↓');
    expect(
      container
        .querySelector('th.jp-qsession-col-name')!
        .getAttribute('aria-sort')
    ).toBe('none');
    click(container.querySelector('th.jp-qsession-col-state button'));
    expect(onSort).toHaveBeenCalledWith('state');
  });

  it('opens an item from its name and shows the actions a caller renders', () => {
    const onOpen = vi.fn();
    const job = item({ name: 'bell', state: 'Waiting', pending: true });
    const { container } = mount(
      <ItemTable
        label="Jobs"
        items={[job]}
        columns={['name', 'state', 'actions']}
        onOpen={onOpen}
        renderActions={item => (
          <button type="button">Cancel {item.name}</button>
        )}
        emptyText="none"
      />
    );
    click(container.querySelector('button.jp-qsession-link'));
    expect(onOpen).toHaveBeenCalledWith(job);
    expect(
      container.querySelector('td.jp-qsession-col-actions')?.textContent
    ).toBe('Cancel bell');
  });

  it('says so when there is nothing to show, across every column', () => {
    const { container } = mount(
      <ItemTable
        label="Jobs"
        items={[]}
        columns={['name', 'state', 'submitted']}
        onOpen={() => undefined}
        emptyText="This session has no jobs yet."
      />
    );
    const empty = container.querySelector('td.jp-qsession-empty')!;
    expect(empty.textContent).toBe('This session has no jobs yet.');
    expect(empty.getAttribute('colspan')).toBe('3');
  });

  it('moves between rows with the arrow keys', () => {
    const items = [
      item({ id: 'j1', name: 'one' }),
      item({ id: 'j2', name: 'two' })
    ];
    const { container } = mount(
      <ItemTable
        label="Jobs"
        items={items}
        columns={['name']}
        onOpen={() => undefined}
        emptyText="none"
      />
    );
    const links = container.querySelectorAll<HTMLButtonElement>(
      'button.jp-qsession-link'
    );
    links[0].focus();
    act(() => {
      container
        .querySelector('tbody')!
        .dispatchEvent(
          new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })
        );
    });
    expect(document.activeElement).toBe(links[1]);
  });
});
