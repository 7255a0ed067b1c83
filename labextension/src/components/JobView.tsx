import * as React from 'react';

import { formatDuration, formatTime, MISSING } from '../format';
import { SidebarModel } from '../model';
import { CopyId } from './CopyId';
import { Histogram } from './Histogram';
import { BackButton, CancelButton } from './SessionView';
import { StateBadge } from './StateBadge';

/** A job's details: parameters, times, error and results histogram. */
export function JobView(props: {
  model: SidebarModel;
  jobId: string;
  sessionId?: string | null;
}): JSX.Element {
  const { model, sessionId } = props;
  const job = model.job;
  const back = sessionId ? (
    <BackButton
      label="All jobs"
      onClick={() => model.open({ kind: 'session', id: sessionId })}
    />
  ) : (
    <BackButton
      label="Quantum sessions"
      onClick={() => model.open({ kind: 'list' })}
    />
  );
  if (!job || job.id !== props.jobId) {
    return (
      <div className="jp-qsession-view">
        {back}
        <p className="jp-qsession-muted">Loading job…</p>
      </div>
    );
  }
  return (
    <div className="jp-qsession-view" data-job-id={job.id}>
      {back}
      <div className="jp-qsession-heading">
        <h3>{job.name || job.id}</h3>
        <CancelButton model={model} item={job} />
      </div>
      <dl className="jp-qsession-facts">
        <dt>Id</dt>
        <dd>
          <CopyId id={job.id} />
        </dd>
        <dt>Status</dt>
        <dd>
          <StateBadge state={job.state} />
        </dd>
        <dt>Provider</dt>
        <dd>{job.provider_id ?? MISSING}</dd>
        <dt>Target</dt>
        <dd>{job.target}</dd>
        {job.session_id && (
          <>
            <dt>Session</dt>
            <dd>
              <button
                type="button"
                className="jp-qsession-link"
                onClick={() =>
                  model.open({ kind: 'session', id: job.session_id as string })
                }
              >
                {job.session_id}
              </button>
            </dd>
          </>
        )}
        <dt>Submitted</dt>
        <dd>{formatTime(job.creation_time)}</dd>
        <dt>Queued</dt>
        <dd>{formatDuration(job.queued_seconds)}</dd>
        <dt>Executing</dt>
        <dd>{formatDuration(job.executing_seconds)}</dd>
        <dt>Ended</dt>
        <dd>{formatTime(job.end_execution_time)}</dd>
        <dt>Cost estimate</dt>
        <dd>{job.cost?.display ?? MISSING}</dd>
        <dt>Formats</dt>
        <dd>
          {job.input_data_format ?? '?'} → {job.output_data_format ?? '?'}
        </dd>
      </dl>
      {job.error && (
        <div
          className="jp-qsession-banner jp-qsession-banner-error"
          role="note"
        >
          <strong>{job.error.code}</strong>
          <p>{job.error.message}</p>
        </div>
      )}
      <h4>Input parameters</h4>
      <pre className="jp-qsession-params">
        {JSON.stringify(job.input_params ?? {}, null, 2)}
      </pre>
      <h4>Results</h4>
      {job.results ? (
        <Histogram summary={job.results} />
      ) : (
        <p className="jp-qsession-muted">
          {job.results_error ??
            (job.pending
              ? 'Results appear here when the job succeeds.'
              : 'No results.')}
        </p>
      )}
    </div>
  );
}
