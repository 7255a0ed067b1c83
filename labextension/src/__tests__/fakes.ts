/**
 * Fakes of what the server's /qsession/ routes return, and of QSessionApi
 * itself (the same methods, as vi.fn mocks), for the model and component tests.
 */
import { vi } from 'vitest';

import {
  IItem,
  IItemsQuery,
  IPage,
  ISessionDetails,
  ISessionOverview
} from '../types';

export function item(fields: Partial<IItem> = {}): IItem {
  return {
    id: 'aaaaaaaa-0000-0000-0000-000000000001',
    name: 'step 1',
    item_type: 'Job',
    job_type: 'QuantumComputing',
    type: 'Quantum Computing',
    provider_id: 'ionq',
    target: 'ionq.simulator',
    state: 'Succeeded',
    pending: false,
    creation_time: '2026-11-30T20:22:57.000Z',
    begin_execution_time: null,
    end_execution_time: null,
    cost: null,
    error: null,
    priority: null,
    tags: [],
    ...fields
  };
}

export function page(items: IItem[], has_more = false): IPage<IItem> {
  return {
    items,
    skip: 0,
    page_size: 50,
    has_more,
    next_skip: has_more ? items.length : null
  };
}

export function overview(sessionId: string): ISessionOverview {
  return {
    spend: {
      spent: 12.5,
      currency: 'HQC',
      limit: null,
      remaining: null,
      fraction: null,
      last_job_cost: 12.5,
      jobs_that_fit: null,
      spent_display: '12.5 HQC',
      limit_display: null,
      remaining_display: null,
      forecast: 'No budget: set one with %session budget AMOUNT.'
    },
    timeline: {
      origin: '2026-11-30T20:22:57.000Z',
      span: 10,
      provider_id: 'quantinuum',
      exclusive: true,
      clocks: { idle_timeout: 600, exclusive_window: 60 },
      bars: [],
      gaps: [],
      idle_deadline: 600,
      open: true,
      timed_out: false,
      busy_share: null,
      median_gap: null,
      longest_gap: null,
      lapsed: 0,
      facts: []
    },
    failure: { session_id: sessionId } as ISessionOverview['failure']
  };
}

export class FakeApi {
  items = vi.fn(async (query: IItemsQuery) => page([item()]));
  session = vi.fn(async (id: string): Promise<ISessionDetails> => ({
    session: item({ id, item_type: 'Session', type: 'Session' }),
    jobs: page([item()])
  }));
  sessionOverview = vi.fn(async (id: string) => overview(id));
  job = vi.fn(async (id: string) => ({ ...item({ id }) }));
  health = vi.fn(async () => ({ ok: true, api_version: 1, version: '0' }));
  workspace = vi.fn(async () => ({
    workspace: {
      kind: 'local' as const,
      name: null,
      label: 'local workspace',
      location: null
    },
    reachable: true,
    targets: [],
    states: [],
    types: [],
    page_size: 25
  }));
  closeSession = vi.fn(async (id: string) =>
    item({
      id,
      item_type: 'Session',
      name: 'loop',
      state: 'Executing',
      pending: true
    })
  );
  cancelJob = vi.fn(async (id: string) =>
    item({ id, name: 'step 2', state: 'Cancelled' })
  );
}

/** A session row as the list shows it: its job counts under its name. */
export function sessionItem(fields: Partial<IItem> = {}): IItem {
  return item({
    id: 'bbbbbbbb-0000-0000-0000-000000000002',
    name: 'VQE loop',
    item_type: 'Session',
    job_type: null,
    type: 'Session',
    state: 'Executing',
    pending: true,
    jobs: { total: 3, counts: { Succeeded: 2, Executing: 1 } },
    ...fields
  });
}
