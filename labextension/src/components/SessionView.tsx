import * as React from 'react';

import { Dialog, showDialog } from '@jupyterlab/apputils';

import { countsText, formatTime, MISSING } from '../format';
import { SidebarModel } from '../model';
import { IItem } from '../types';
import { CopyId } from './CopyId';
import { ItemTable } from './ItemTable';
import { SessionOverview } from './SessionOverview';
import { StateBadge } from './StateBadge';

export function BackButton(props: {
  label: string;
  onClick: () => void;
}): JSX.Element {
  return (
    <button type="button" className="jp-qsession-back" onClick={props.onClick}>
      ‹ {props.label}
    </button>
  );
}

/** Cancelling cannot be undone (and a running job's work is lost): ask first, as the panel does. */
async function confirmCancel(model: SidebarModel, item: IItem): Promise<void> {
  const running = item.state === 'Executing' || item.state === 'Finishing';
  const result = await showDialog({
    title: `Cancel job "${item.name || item.id}"?`,
    body: running
      ? 'The job is running: its work so far is lost, and it may still be billed.'
      : 'The job leaves the queue and will not run.',
    buttons: [
      Dialog.cancelButton({ label: 'Keep it' }),
      Dialog.warnButton({ label: 'Cancel job' })
    ]
  });
  if (result.button.accept) {
    await model.cancelJob(item.id);
  }
}

export function CancelButton(props: {
  model: SidebarModel;
  item: IItem;
}): JSX.Element | null {
  const { model, item } = props;
  if (!item.can_cancel) {
    return null;
  }
  const busy = model.busy.has(item.id);
  return (
    <button
      type="button"
      className="jp-qsession-button jp-qsession-danger"
      disabled={busy}
      aria-label={`Cancel job ${item.name}`}
      onClick={() => void confirmCancel(model, item)}
    >
      {busy ? 'Cancelling…' : 'Cancel'}
    </button>
  );
}

/** A session's header and its "All jobs" list. */
export function SessionView(props: {
  model: SidebarModel;
  sessionId: string;
}): JSX.Element {
  const { model } = props;
  const details = model.session;
  const back = (
    <BackButton
      label="Quantum sessions"
      onClick={() => model.open({ kind: 'list' })}
    />
  );
  if (!details || details.session.id !== props.sessionId) {
    return (
      <div className="jp-qsession-view">
        {back}
        <p className="jp-qsession-muted">Loading session…</p>
      </div>
    );
  }
  const session = details.session;
  const busy = model.busy.has(session.id);
  return (
    <div className="jp-qsession-view" data-session-id={session.id}>
      {back}
      <div className="jp-qsession-heading">
        <h3>{session.name}</h3>
        {session.can_close && model.closeRequested.has(session.id) && (
          <span className="jp-qsession-muted">Close requested</span>
        )}
        {session.can_close && !model.closeRequested.has(session.id) && (
          <button
            type="button"
            className="jp-qsession-button"
            disabled={busy}
            onClick={() => void model.closeSession(session.id)}
          >
            {busy ? 'Closing…' : 'Close session'}
          </button>
        )}
      </div>
      <dl className="jp-qsession-facts">
        <dt>Id</dt>
        <dd>
          <CopyId id={session.id} />
        </dd>
        <dt>Status</dt>
        <dd>
          <StateBadge state={session.state} />
        </dd>
        <dt>Provider</dt>
        <dd>{session.provider_id ?? MISSING}</dd>
        <dt>Target</dt>
        <dd>{session.target}</dd>
        <dt>Jobs</dt>
        <dd className="jp-qsession-job-counts">
          {session.jobs ? countsText(session.jobs.counts) : MISSING}
        </dd>
        <dt>Cost estimate</dt>
        <dd>{session.cost?.display ?? MISSING}</dd>
        <dt>Job failure policy</dt>
        <dd>{session.job_failure_policy ?? MISSING}</dd>
        <dt>Created</dt>
        <dd>{formatTime(session.creation_time)}</dd>
        <dt>Ended</dt>
        <dd>{formatTime(session.end_execution_time)}</dd>
      </dl>
      <SessionOverview overview={model.overview} />
      <h4>All jobs</h4>
      <ItemTable
        label="All jobs"
        items={details.jobs.items}
        columns={[
          'name',
          'id',
          'state',
          'submitted',
          'ended',
          'cost',
          'actions'
        ]}
        onOpen={job =>
          model.open({ kind: 'job', id: job.id, sessionId: session.id })
        }
        renderActions={job => <CancelButton model={model} item={job} />}
        emptyText="No jobs in this session yet."
      />
      {details.jobs.has_more && (
        <p className="jp-qsession-muted">
          Showing the newest {details.jobs.items.length} jobs.
        </p>
      )}
    </div>
  );
}
