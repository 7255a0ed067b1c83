import * as React from 'react';

import { formatTime } from '../format';
import { SidebarModel } from '../model';
import { ErrorBanner } from './Banner';
import { ItemTable, LIST_COLUMNS } from './ItemTable';
import { JobView } from './JobView';
import { SessionView } from './SessionView';
import { Toolbar } from './Toolbar';

function WorkspaceLine(props: { model: SidebarModel }): JSX.Element {
  const { model } = props;
  const info = model.workspace?.workspace ?? model.error?.workspace;
  const updated = model.lastUpdated
    ? `updated ${formatTime(model.lastUpdated.toISOString()).slice(11)}`
    : '';
  return (
    <div
      className="jp-qsession-workspace"
      data-workspace-kind={info?.kind ?? ''}
    >
      <span className="jp-qsession-workspace-label" title={info?.label ?? ''}>
        {info
          ? info.label
          : model.error
            ? 'Workspace unknown'
            : 'Connecting to the workspace…'}
      </span>
      <span className="jp-qsession-muted" aria-live="polite">
        {model.stopped
          ? 'auto-refresh stopped'
          : model.loading
            ? 'refreshing…'
            : updated}
      </span>
    </div>
  );
}

function Pager(props: { model: SidebarModel }): JSX.Element | null {
  const { model } = props;
  const page = model.page;
  if (!page || (page.skip === 0 && !page.has_more)) {
    return null;
  }
  const first = page.items.length ? page.skip + 1 : page.skip;
  return (
    <nav className="jp-qsession-pager" aria-label="Pages">
      <button
        type="button"
        className="jp-qsession-button"
        disabled={page.skip === 0}
        onClick={() =>
          model.setQuery({ skip: Math.max(0, page.skip - page.page_size) })
        }
      >
        ‹ Newer
      </button>
      <span>
        {first}–{page.skip + page.items.length}
      </span>
      <button
        type="button"
        className="jp-qsession-button"
        disabled={!page.has_more}
        onClick={() => model.setQuery({ skip: page.next_skip ?? page.skip })}
      >
        Older ›
      </button>
    </nav>
  );
}

function ListView(props: { model: SidebarModel }): JSX.Element {
  const { model } = props;
  const filtered = Boolean(
    model.query.q ||
    model.query.state ||
    model.query.target ||
    model.query.type ||
    model.query.since
  );
  return (
    <>
      <Toolbar model={model} />
      {model.page ? (
        <ItemTable
          label="Sessions and jobs"
          items={model.page.items}
          columns={LIST_COLUMNS}
          onOpen={item =>
            model.open(
              item.item_type === 'Session'
                ? { kind: 'session', id: item.id }
                : { kind: 'job', id: item.id, sessionId: item.session_id }
            )
          }
          sort={{
            key: model.query.sort,
            order: model.query.order,
            onSort: key => model.toggleSort(key)
          }}
          emptyText={
            filtered
              ? 'Nothing matches these filters.'
              : 'No sessions or jobs in this workspace yet.'
          }
        />
      ) : (
        !model.error && <p className="jp-qsession-muted">Loading…</p>
      )}
      <Pager model={model} />
    </>
  );
}

/** The whole panel: workspace line, error banner, then the current view. */
export function Sidebar(props: { model: SidebarModel }): JSX.Element {
  const { model } = props;
  const view = model.view;
  return (
    <div className="jp-qsession-sidebar">
      <header className="jp-qsession-header">
        <h2>Quantum sessions</h2>
        <WorkspaceLine model={model} />
      </header>
      {model.error && (
        <ErrorBanner
          error={model.error}
          stopped={model.stopped}
          onRetry={() => model.refresh()}
        />
      )}
      {model.notice && (
        <div
          className="jp-qsession-banner jp-qsession-banner-info"
          role="status"
        >
          {model.notice}
        </div>
      )}
      {view.kind === 'list' &&
        (model.health || !model.error ? <ListView model={model} /> : null)}
      {view.kind === 'session' && (
        <SessionView model={model} sessionId={view.id} />
      )}
      {view.kind === 'job' && (
        <JobView model={model} jobId={view.id} sessionId={view.sessionId} />
      )}
    </div>
  );
}
