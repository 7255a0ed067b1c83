import * as React from 'react';

import { IHistogram } from '../types';

/**
 * Horizontal bars, one per outcome: they stay readable in a narrow sidebar and
 * with long outcome labels such as "[0, 1, 1]".
 */
export function Histogram(props: { summary: IHistogram }): JSX.Element {
  const { summary } = props;
  const values = summary.counts ?? summary.probabilities ?? [];
  const isCounts = summary.counts !== undefined;
  const total = isCounts
    ? values.reduce((a, b) => a + b, 0) + summary.omitted_weight
    : 1;
  const largest = Math.max(...values, 0) || 1;
  const shown = (value: number) =>
    isCounts
      ? `${value} (${((100 * value) / (total || 1)).toFixed(1)}%)`
      : `${(100 * value).toFixed(1)}%`;
  return (
    <figure className="jp-qsession-histogram">
      <figcaption>
        {isCounts ? 'Counts' : 'Probabilities'}
        {summary.shots !== null ? ` over ${summary.shots} shots` : ''}
        {summary.omitted > 0
          ? ` (${summary.omitted} rarer outcomes not shown)`
          : ''}
      </figcaption>
      <ul aria-label="Results histogram">
        {summary.outcomes.map((outcome, index) => (
          <li key={outcome} className="jp-qsession-bar-row">
            <code className="jp-qsession-bar-label">{outcome}</code>
            <span className="jp-qsession-bar-track">
              <span
                className="jp-qsession-bar"
                style={{ width: `${(100 * values[index]) / largest}%` }}
              />
            </span>
            <span className="jp-qsession-bar-value">
              {shown(values[index])}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
