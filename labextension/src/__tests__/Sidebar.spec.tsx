/**
 * Sidebar: the whole panel over a real SidebarModel (Lumino's real Poll) and a
 * fake of the server routes: the list, opening a session, errors, notices.
 */
import * as React from 'react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError, QSessionApi } from '../api';
import { Sidebar } from '../components/Sidebar';
import { SidebarModel } from '../model';
import { IItemsQuery } from '../types';
import { FakeApi, item, page, sessionItem } from './fakes';
import { click, IMounted, mount, rowsOf, unmountAll } from './render';

const SESSION = sessionItem({ can_close: true });
const JOB = item({ session_id: SESSION.id });

/** The routes' fake, with a session and one of its jobs in the workspace. */
class FakeRoutes extends FakeApi {
  constructor() {
    super();
    this.items.mockImplementation(async (query: IItemsQuery) =>
      page(query.q ? [] : [SESSION, JOB])
    );
    this.session.mockImplementation(async (id: string) => ({
      session: { ...SESSION, id },
      jobs: page([JOB])
    }));
    this.closeSession.mockImplementation(async (id: string) =>
      sessionItem({ id, state: 'Executing', pending: true })
    );
  }
}

const models: SidebarModel[] = [];

afterEach(() => {
  unmountAll();
  while (models.length) {
    models.pop()!.dispose();
  }
});

/** The sidebar as the panel shows it: re-rendered whenever the model changes. */
async function showSidebar(
  routes = new FakeRoutes()
): Promise<{ model: SidebarModel; routes: FakeRoutes; view: IMounted }> {
  const model = new SidebarModel(routes as unknown as QSessionApi, () => true);
  models.push(model);
  const view = mount(<Sidebar model={model} />);
  model.changed.connect(() => view.render(<Sidebar model={model} />));
  await act(async () => {
    model.start();
  });
  await vi.waitFor(() =>
    expect(model.lastUpdated ?? model.error).not.toBeNull()
  );
  return { model, routes, view };
}

function table(view: IMounted, label: string): Element {
  const found = view.container.querySelector(`table[aria-label="${label}"]`);
  if (!found) {
    throw new Error(`no table "${label}" in ${view.container.innerHTML}`);
  }
  return found;
}

describe('Sidebar', () => {
  it('lists the workspace sessions and jobs under the workspace name', async () => {
    const { view } = await showSidebar();
    const text = view.container.textContent ?? '';
    expect(text).toContain('Quantum sessions');
    expect(
      view.container.querySelector('.jp-qsession-workspace-label')?.textContent
    ).toBe('local workspace');
    expect(
      view.container
        .querySelector('.jp-qsession-workspace')
        ?.getAttribute('data-workspace-kind')
    ).toBe('local');
    const rows = rowsOf(table(view, 'Sessions and jobs'));
    expect(rows.map(row => row[2])).toEqual(['Session', 'Quantum Computing']);
    expect(rows[0][0]).toContain('VQE loop');
  });

  it('opens a session to its jobs and goes back to the list', async () => {
    const { view, routes } = await showSidebar();
    click(view.container.querySelector('button.jp-qsession-link'));
    await vi.waitFor(() => table(view, 'All jobs'));
    expect(routes.session).toHaveBeenCalledWith(SESSION.id);
    expect(view.container.querySelector('h3')?.textContent).toBe('VQE loop');
    const jobs = rowsOf(table(view, 'All jobs'));
    expect(jobs).toHaveLength(1);
    expect(jobs[0][0]).toContain('step 1');
    expect(jobs[0][2]).toBe('Succeeded');
    click(view.container.querySelector('button.jp-qsession-back'));
    await vi.waitFor(() => table(view, 'Sessions and jobs'));
  });

  it('says when filters match nothing', async () => {
    const { model, view } = await showSidebar();
    await act(async () => model.setQuery({ q: 'no such name' }));
    await vi.waitFor(() =>
      expect(view.container.textContent).toContain(
        'Nothing matches these filters.'
      )
    );
  });

  it('shows why it stopped on refused credentials and retries on request', async () => {
    const routes = new FakeRoutes();
    routes.health.mockRejectedValueOnce(
      new ApiError(403, 'permission', 'The workspace refused the credentials.')
    );
    const { model, view } = await showSidebar(routes);
    const banner = view.container.querySelector('[role="alert"]');
    expect(banner?.getAttribute('data-error-code')).toBe('permission');
    expect(banner?.textContent).toContain('Not authorised');
    expect(banner?.textContent).toContain('Automatic refresh is stopped');
    expect(view.container.textContent).toContain('auto-refresh stopped');
    expect(model.stopped).toBe(true);
    click(banner!.querySelector('button'));
    await vi.waitFor(() => table(view, 'Sessions and jobs'));
    expect(view.container.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the outcome of closing a session that still runs jobs', async () => {
    const { model, view } = await showSidebar();
    click(view.container.querySelector('button.jp-qsession-link'));
    await vi.waitFor(() => table(view, 'All jobs'));
    const close = Array.from(view.container.querySelectorAll('button')).find(
      button => button.textContent === 'Close session'
    );
    click(close!);
    await vi.waitFor(() =>
      expect(
        view.container.querySelector('[role="status"]')?.textContent
      ).toContain('is closed to new jobs; it ends when its running jobs finish')
    );
    expect(model.closeRequested.has(SESSION.id)).toBe(true);
    expect(view.container.textContent).toContain('Close requested');
  });
});
