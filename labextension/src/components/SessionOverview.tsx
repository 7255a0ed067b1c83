/**
 * Above a session's jobs: why it failed (under Abort), what it has spent
 * against its budget, and its timeline. The same models and sentences as the
 * notebook panel, from /qsession/sessions/{id}/overview.
 */
import * as React from 'react';

import { ISessionOverview } from '../types';
import { SpendMeter } from './SpendMeter';
import { Timeline } from './Timeline';

export function SessionOverview(props: {
  overview: ISessionOverview | null;
}): JSX.Element | null {
  const { overview } = props;
  if (!overview) {
    return null;
  }
  const { failure, spend, timeline } = overview;
  // A free session without a budget has nothing to say about money.
  const showSpend = spend.limit !== null || spend.spent > 0;
  return (
    <div className="jp-qsession-overview">
      {failure && (
        <div
          className="jp-qsession-banner jp-qsession-banner-error jp-qsession-failure"
          role="alert"
          data-job-id={failure.job_id ?? ''}
        >
          {failure.text}
        </div>
      )}
      {showSpend && <SpendMeter spend={spend} />}
      <h4>Timeline</h4>
      <Timeline timeline={timeline} />
    </div>
  );
}
