/**
 * Mounting React components in the jsdom page, with React's own `act` so
 * effects and state updates have run before a test looks at the DOM.
 */
import * as React from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';

(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

export interface IMounted {
  container: HTMLElement;
  render: (element: React.ReactElement) => void;
  unmount: () => void;
}

const mounted: IMounted[] = [];

export function mount(element: React.ReactElement): IMounted {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const handle: IMounted = {
    container,
    render: next => act(() => root.render(next)),
    unmount: () => {
      act(() => root.unmount());
      container.remove();
    }
  };
  handle.render(element);
  mounted.push(handle);
  return handle;
}

/** Unmount everything `mount` made (call from afterEach). */
export function unmountAll(): void {
  while (mounted.length) {
    mounted.pop()!.unmount();
  }
}

export function click(element: Element | null): void {
  if (!element) {
    throw new Error('nothing to click');
  }
  act(() => {
    (element as HTMLElement).click();
  });
}

/** The visible text of each cell of a table's rows, row by row. */
export function rowsOf(table: Element): string[][] {
  return Array.from(table.querySelectorAll('tbody tr')).map(row =>
    Array.from(row.querySelectorAll('td')).map(cell =>
      (cell.textContent ?? '').trim()
    )
  );
}
