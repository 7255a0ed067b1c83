/**
 * What a session has spent, its budget with a meter, and the forecast
 * ("about N more jobs like the last one fit"), from the server's spend model
 * (qsession_jupyter/views/overview.py): the texts are the panel's own.
 */
import * as React from 'react';

import { ISpend } from '../types';

function level(fraction: number): string {
  return fraction >= 1 ? 'full' : fraction >= 0.8 ? 'high' : 'ok';
}

export function SpendMeter(props: { spend: ISpend }): JSX.Element {
  const { spend } = props;
  const percent =
    spend.fraction === null ? null : Math.round(100 * spend.fraction);
  return (
    <div className="jp-qsession-spend">
      <span className="jp-qsession-spent">
        Spent <b>{spend.spent_display}</b>
        {spend.limit_display !== null && (
          <>
            {' '}
            of <b>{spend.limit_display}</b> budget
          </>
        )}
      </span>
      {percent !== null && (
        <div
          className="jp-qsession-meter"
          role="meter"
          aria-label="Budget spent"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-level={level(spend.fraction ?? 0)}
          title={`${percent} % of the budget spent`}
        >
          <div
            className="jp-qsession-meter-fill"
            style={{ width: `${percent}%` }}
          />
        </div>
      )}
      <span className="jp-qsession-forecast">{spend.forecast}</span>
    </div>
  );
}
