import * as React from 'react';

import { stateTone, StateTone } from '../format';

const PATHS: Record<StateTone, string> = {
  // check mark in a disc
  success: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm-1.2 10.2L3.6 8l1.1-1.1 2.1 2.1 4.5-4.5 1.1 1.1z',
  // cross in a disc
  error: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm3.1 9L10 11.1 8 9.1l-2 2L4.9 10l2-2-2-2L6 4.9l2 2 2-2L11.1 6l-2 2z',
  // exclamation in a triangle
  warn: 'M8 1.5 15 14H1zm-.8 4.5v4h1.6V6zm0 5v1.6h1.6V11z',
  // clock
  pending: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6a5.4 5.4 0 1 1 0 10.8A5.4 5.4 0 0 1 8 2.6zM7.2 4v4.5l3.4 2 .8-1.3-2.6-1.6V4z',
  // slashed disc
  neutral: 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 1.6c1.2 0 2.3.4 3.2 1.1l-7.5 7.5A5.4 5.4 0 0 1 8 2.6zm0 10.8c-1.2 0-2.3-.4-3.2-1.1l7.5-7.5A5.4 5.4 0 0 1 8 13.4z'
};

/** Icon and text, so the state is not told by colour alone. */
export function StateBadge(props: { state: string | null }): JSX.Element {
  const tone = stateTone(props.state);
  return (
    <span className={`jp-qsession-state jp-qsession-state-${tone}`}>
      <svg
        className="jp-qsession-state-icon"
        viewBox="0 0 16 16"
        width="14"
        height="14"
        aria-hidden="true"
      >
        <path d={PATHS[tone]} />
      </svg>
      <span>{props.state ?? 'Unknown'}</span>
    </span>
  );
}
