import * as React from 'react';

import { refreshIcon } from '@jupyterlab/ui-components';

import { SidebarModel } from '../model';

/** Text typed in the filter box is sent after this pause, not on every key. */
const FILTER_DELAY_MS = 300;

function Select(props: {
  label: string;
  value: string;
  all: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}): JSX.Element {
  return (
    <label className="jp-qsession-filter">
      <span className="jp-qsession-visually-hidden">{props.label}</span>
      <select
        aria-label={props.label}
        value={props.value}
        onChange={event => props.onChange(event.target.value)}
      >
        <option value="">{props.all}</option>
        {props.options.map(option => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RefreshButton(props: { model: SidebarModel }): JSX.Element {
  return (
    <button
      type="button"
      className="jp-qsession-button"
      onClick={() => props.model.refresh()}
      title="Refresh"
      aria-label="Refresh"
    >
      <refreshIcon.react tag="span" width="14px" height="14px" />
      <span>Refresh</span>
    </button>
  );
}

/** Filter box, state/target/type filters and refresh, above the list. */
export function Toolbar(props: { model: SidebarModel }): JSX.Element {
  const { model } = props;
  const [text, setText] = React.useState(model.query.q);
  React.useEffect(() => {
    if (text === model.query.q) {
      return;
    }
    const timer = window.setTimeout(
      () => model.setQuery({ q: text }),
      FILTER_DELAY_MS
    );
    return () => window.clearTimeout(timer);
  }, [text]);
  const info = model.workspace;
  return (
    <div className="jp-qsession-toolbar" role="search">
      <input
        type="search"
        className="jp-qsession-search"
        placeholder="Filter by name or id..."
        aria-label="Filter by name or id"
        value={text}
        onChange={event => setText(event.target.value)}
        onKeyDown={event => {
          if (event.key === 'Enter') {
            model.setQuery({ q: text });
          }
        }}
      />
      <Select
        label="State"
        all="All states"
        value={model.query.state}
        options={(info?.states ?? []).map(s => ({ value: s, label: s }))}
        onChange={state => model.setQuery({ state })}
      />
      <Select
        label="Target"
        all="All targets"
        value={model.query.target}
        options={(info?.targets ?? []).map(t => ({ value: t.id, label: t.id }))}
        onChange={target => model.setQuery({ target })}
      />
      <Select
        label="Type"
        all="All types"
        value={model.query.type}
        options={info?.types ?? []}
        onChange={type => model.setQuery({ type })}
      />
      <Select
        label="Submitted"
        all="Any time"
        value={model.query.since}
        options={[
          { value: 'today', label: 'Today' },
          { value: '7d', label: 'Last 7 days' },
          { value: '30d', label: 'Last 30 days' }
        ]}
        onChange={since => model.setQuery({ since })}
      />
      <RefreshButton model={model} />
    </div>
  );
}
