import * as React from 'react';

import { stateStyle } from '../palette';

/**
 * Icon and text, so the state is not told by colour alone. The same icons and
 * theme colours as the notebook panel (see palette.ts).
 */
export function StateBadge(props: { state: string | null }): JSX.Element {
  const style = stateStyle(props.state);
  return (
    <span
      className={`jp-qsession-state jp-qsession-state-${style.tone}`}
      data-tone={style.tone}
      data-icon={style.icon}
    >
      <svg
        className="jp-qsession-state-icon"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
        style={{ fill: style.colour }}
      >
        <path d={style.path} />
      </svg>
      <span>{props.state ?? 'Unknown'}</span>
    </span>
  );
}
