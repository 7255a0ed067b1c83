/**
 * SidebarModel: what it loads for each view, how its poll speeds up and slows
 * down, when it stops, and what it says after an action. The API is a fake
 * with the same methods as QSessionApi; the Poll is Lumino's real one.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError, QSessionApi } from '../api';
import {
  FAST_INTERVAL,
  IDLE_INTERVAL,
  MAX_INTERVAL,
  SidebarModel
} from '../model';
import { ISessionDetails } from '../types';
import { FakeApi, item, page } from './fakes';

const models: SidebarModel[] = [];

function makeModel(api = new FakeApi()): { model: SidebarModel; api: FakeApi } {
  const model = new SidebarModel(api as unknown as QSessionApi, () => true);
  models.push(model);
  return { model, api };
}

/** Resolve when the poll has finished its next tick (either way). */
function ticked(model: SidebarModel): Promise<string> {
  return new Promise(resolve => {
    const done = (_: unknown, state: { phase: string }) => {
      if (['resolved', 'rejected', 'stopped'].includes(state.phase)) {
        model.poll.ticked.disconnect(done);
        resolve(state.phase);
      }
    };
    model.poll.ticked.connect(done);
  });
}

afterEach(() => {
  while (models.length) {
    models.pop()!.dispose();
  }
});

describe('SidebarModel', () => {
  it('loads the workspace once, then the list with its page size', async () => {
    const { model, api } = makeModel();
    const first = ticked(model);
    model.start();
    expect(await first).toBe('resolved');
    expect(model.page?.items).toHaveLength(1);
    expect(model.workspace?.workspace.label).toBe('local workspace');
    expect(api.items.mock.calls[0][0].page_size).toBe(25);
    const second = ticked(model);
    model.refresh();
    await second;
    expect(api.workspace).toHaveBeenCalledTimes(1);
    expect(api.items).toHaveBeenCalledTimes(2);
  });

  it('polls fast while something shown is pending, then slows down step by step', async () => {
    const api = new FakeApi();
    api.items.mockImplementation(async () =>
      page([item({ state: 'Executing', pending: true })])
    );
    const { model } = makeModel(api);
    let next = ticked(model);
    model.start();
    await next;
    expect(model.poll.frequency.interval).toBe(FAST_INTERVAL);

    api.items.mockImplementation(async () => page([item()]));
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      next = ticked(model);
      void model.poll.refresh();
      await next;
      intervals.push(model.poll.frequency.interval);
    }
    expect(intervals).toEqual([
      IDLE_INTERVAL * 2,
      IDLE_INTERVAL * 4,
      IDLE_INTERVAL * 8,
      MAX_INTERVAL,
      MAX_INTERVAL
    ]);
    // A user's refresh polls fast again.
    model.refresh();
    expect(model.poll.frequency.interval).toBe(FAST_INTERVAL);
  });

  it('stops polling on a credentials error until the user retries', async () => {
    const api = new FakeApi();
    api.workspace.mockRejectedValueOnce(
      new ApiError(401, 'auth', 'The API key was refused.')
    );
    const { model } = makeModel(api);
    const first = ticked(model);
    model.start();
    expect(await first).toBe('stopped');
    expect(model.stopped).toBe(true);
    expect(model.error?.isAuth).toBe(true);

    const retried = ticked(model);
    model.refresh();
    expect(await retried).toBe('resolved');
    expect(model.stopped).toBe(false);
    expect(model.error).toBeNull();
    expect(model.page?.items).toHaveLength(1);
  });

  it('keeps polling (with backoff) through a network error', async () => {
    const api = new FakeApi();
    api.items.mockRejectedValueOnce(new ApiError(0, 'network', 'offline'));
    const { model } = makeModel(api);
    const first = ticked(model);
    model.start();
    expect(await first).toBe('rejected');
    expect(model.stopped).toBe(false);
    expect(model.error?.code).toBe('network');
  });

  it('changing a filter goes back to the first page; paging keeps its skip', () => {
    const { model } = makeModel();
    model.setQuery({ skip: 50 });
    expect(model.query.skip).toBe(50);
    model.setQuery({ q: 'vqe' });
    expect(model.query).toMatchObject({ q: 'vqe', skip: 0 });
  });

  it('sorts newest first by default; a second click flips the order', () => {
    const { model } = makeModel();
    expect([model.query.sort, model.query.order]).toEqual([
      'submitted',
      'desc'
    ]);
    model.toggleSort('name');
    expect([model.query.sort, model.query.order]).toEqual(['name', 'asc']);
    model.toggleSort('name');
    expect(model.query.order).toBe('desc');
    model.toggleSort('submitted');
    expect([model.query.sort, model.query.order]).toEqual([
      'submitted',
      'desc'
    ]);
  });

  it('opens a session, and a late answer for the previous view is dropped', async () => {
    const api = new FakeApi();
    let release: (value: ISessionDetails) => void = () => undefined;
    api.session.mockImplementationOnce(
      () => new Promise<ISessionDetails>(resolve => (release = resolve))
    );
    const { model } = makeModel(api);
    const first = ticked(model);
    model.start();
    await first;
    model.open({ kind: 'session', id: 'old' });
    await vi.waitFor(() => expect(api.session).toHaveBeenCalledWith('old'));
    model.open({ kind: 'job', id: 'job-1' });
    release({
      session: item({ id: 'old', item_type: 'Session' }),
      jobs: page([])
    });
    await vi.waitFor(() => expect(model.job?.id).toBe('job-1'));
    expect(model.session).toBeNull();
  });

  it('loads a session with its overview, and forgets both when it leaves', async () => {
    const { model, api } = makeModel();
    const first = ticked(model);
    model.start();
    await first;
    model.open({ kind: 'session', id: 's-9' });
    await vi.waitFor(() => expect(model.overview).not.toBeNull());
    expect(api.sessionOverview).toHaveBeenCalledWith('s-9');
    expect(model.overview?.spend.spent_display).toBe('12.5 HQC');
    expect(model.overview?.failure?.session_id).toBe('s-9');
    model.open({ kind: 'list' });
    expect(model.overview).toBeNull();
  });

  it('says a closed session with running jobs ends when they finish', async () => {
    const { model, api } = makeModel();
    await model.closeSession('s-1');
    expect(api.closeSession).toHaveBeenCalledWith('s-1');
    expect(model.closeRequested.has('s-1')).toBe(true);
    expect(model.notice).toContain('ends when its running jobs finish');
    expect(model.busy.size).toBe(0);
  });

  it("shows the service's reason when a cancel fails, and frees the row", async () => {
    const api = new FakeApi();
    api.cancelJob.mockRejectedValueOnce(
      new ApiError(409, 'conflict', 'Job j-1 is already Succeeded.')
    );
    const { model } = makeModel(api);
    await model.cancelJob('j-1');
    expect(model.notice).toBe('Job j-1 is already Succeeded.');
    expect(model.busy.has('j-1')).toBe(false);
    await model.cancelJob('j-2');
    expect(model.notice).toBe('Job "step 2" is Cancelled.');
  });
});
