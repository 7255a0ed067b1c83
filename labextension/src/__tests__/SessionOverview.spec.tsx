/**
 * SessionOverview: the failure banner, the spend meter (only when there is
 * something to say about money) and the timeline, as the sidebar shows them.
 */
import * as React from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import { SessionOverview } from '../components/SessionOverview';
import { ISessionOverview, ISpend, ITimeline } from '../types';
import { mount, unmountAll } from './render';

afterEach(unmountAll);

const SPEND: ISpend = {
  spent: 16.86,
  currency: 'HQC',
  limit: 100,
  remaining: 83.14,
  fraction: 0.1686,
  last_job_cost: 5.62,
  jobs_that_fit: 14,
  spent_display: '16.86 HQC',
  limit_display: '100 HQC',
  remaining_display: '83.14 HQC',
  forecast: 'About 14 more jobs like the last one (5.62 HQC) fit.'
};

const TIMELINE: ITimeline = {
  origin: '2026-01-01T10:00:00.000Z',
  span: 100,
  provider_id: 'quantinuum',
  exclusive: true,
  clocks: { idle_timeout: 600, exclusive_window: 60 },
  bars: [
    {
      job_id: 'j1',
      name: 'step 1',
      state: 'Succeeded',
      submitted: 0,
      started: 1,
      ended: 10,
      open: false,
      queued_seconds: 1,
      executing_seconds: 9,
      lane: 0
    },
    {
      job_id: 'j2',
      name: 'step 2',
      state: 'Failed',
      submitted: 90,
      started: 91,
      ended: 95,
      open: false,
      queued_seconds: 1,
      executing_seconds: 4,
      lane: 0
    }
  ],
  gaps: [
    {
      start: 10,
      end: 90,
      seconds: 80,
      after_job: 'j1',
      before_job: 'j2',
      lapsed: true
    }
  ],
  view_start: 0,
  hidden_jobs: 0,
  idle_deadline: null,
  open: false,
  timed_out: false,
  busy_share: 0.13,
  median_gap: 80,
  longest_gap: 80,
  lapsed: 1,
  facts: [
    { label: 'Device busy', value: '13 %' },
    { label: 'Exclusive window lapsed', value: '1× (window 1 min 0 s)' }
  ]
};

function overview(fields: Partial<ISessionOverview> = {}): ISessionOverview {
  return { spend: SPEND, timeline: TIMELINE, failure: null, ...fields };
}

describe('SessionOverview', () => {
  it('shows spend with a meter, and a timeline with bars and a lapsed gap', () => {
    const { container } = mount(<SessionOverview overview={overview()} />);
    const meter = container.querySelector('[role="meter"]');
    expect(meter?.getAttribute('aria-valuenow')).toBe('17');
    expect(container.textContent).toContain(
      'Spent 16.86 HQC of 100 HQC budget'
    );
    const figure = container.querySelector('figure');
    expect(figure?.getAttribute('aria-label')).toBe('Session timeline');
    expect(figure?.querySelectorAll('[data-job-id]').length).toBe(2);
    const gap = figure?.querySelector('[data-lapsed="true"]') as HTMLElement;
    expect(gap.style.left).toBe('10%');
    expect(gap.style.width).toBe('80%');
    expect(figure?.textContent).toContain(
      'Exclusive window lapsed1× (window 1 min 0 s)'
    );
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('says why a session failed, and nothing about money on a free target', () => {
    const free = { ...SPEND, spent: 0, limit: null, fraction: null };
    const { container } = mount(
      <SessionOverview
        overview={overview({
          spend: free,
          failure: {
            session_id: 's',
            policy: 'Abort',
            job_id: 'j2',
            job_name: 'step 2',
            error: { code: 'InvalidInput', message: 'bad' },
            text: 'This session failed: job "step 2" (j2) failed with InvalidInput: bad.'
          }
        })}
      />
    );
    expect(container.querySelector('[role="alert"]')?.textContent).toContain(
      'job "step 2" (j2) failed with InvalidInput'
    );
    expect(container.querySelector('.jp-qsession-spend')).toBeNull();
  });
});
