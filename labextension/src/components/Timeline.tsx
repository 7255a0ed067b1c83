/**
 * A session's timeline: the model qsession_jupyter/views/timeline.py builds
 * (served by /qsession/sessions/{id}/overview), drawn like the notebook panel
 * draws it (qsession_jupyter/widgets/timeline.py): bars in rows, queued and
 * executing parts, the gaps under them (lapsed Quantinuum windows hatched),
 * the idle timeout as a dashed line, and the facts underneath. Positions are
 * percentages of the span, so the drawing reflows with the sidebar's width.
 */
import * as React from 'react';

import { formatDuration } from '../format';
import { ITimeline, ITimelineBar, ITimelineGap } from '../types';

/** Offsets (seconds) to percent of the drawn stretch, view_start to span, clipped. */
class Scale {
  constructor(timeline: Pick<ITimeline, 'view_start' | 'span'>) {
    this.start = timeline.view_start;
    this.length = Math.max(timeline.span - timeline.view_start, 1e-9);
  }

  share(offset: number): number {
    return Math.min(Math.max((offset - this.start) / this.length, 0), 1);
  }

  left(offset: number): string {
    return `${(100 * this.share(offset)).toFixed(2)}%`;
  }

  place(start: number, end: number): { left: string; width: string } {
    const width = this.share(end) - this.share(start);
    return { left: this.left(start), width: `${(100 * width).toFixed(2)}%` };
  }

  private readonly start: number;
  private readonly length: number;
}

/** What hovering a bar says: the same sentence as the panel's. */
export function barTitle(bar: ITimelineBar): string {
  const parts = [`queued ${formatDuration(bar.queued_seconds)}`];
  if (bar.started !== null) {
    parts.push(`executing ${formatDuration(bar.executing_seconds)}`);
  }
  return `${bar.name || bar.job_id} (${bar.state}): ${parts.join(', ')}`;
}

export function gapTitle(gap: ITimelineGap, window: number): string {
  const what = gap.before_job ? 'no job for' : 'waiting for the next job for';
  let text = `Gap: ${what} ${formatDuration(gap.seconds)}`;
  if (gap.lapsed) {
    text += `, over the ${formatDuration(window)} exclusive window: the session lost the machine`;
  }
  return text;
}

function Part(props: {
  kind: 'queued' | 'executing';
  start: number;
  end: number;
  scale: Scale;
}): JSX.Element {
  return (
    <div
      className={`jp-qsession-tl-part jp-qsession-tl-${props.kind}`}
      style={props.scale.place(props.start, props.end)}
    />
  );
}

/** A job's two parts; the title (shown on hover over either) is said once, on the job. */
function Bar(props: {
  bar: ITimelineBar;
  span: number;
  scale: Scale;
}): JSX.Element {
  const { bar, span, scale } = props;
  let queueEnd = bar.started ?? bar.ended ?? bar.submitted;
  if (bar.started === null && bar.open) {
    queueEnd = span;
  }
  return (
    <div
      className="jp-qsession-tl-job"
      data-job-id={bar.job_id}
      data-state={bar.state ?? ''}
      title={barTitle(bar)}
    >
      <Part kind="queued" start={bar.submitted} end={queueEnd} scale={scale} />
      {bar.started !== null && (
        <Part
          kind="executing"
          start={bar.started}
          end={bar.ended ?? (bar.open ? span : bar.started)}
          scale={scale}
        />
      )}
    </div>
  );
}

/** Said under a long session's timeline: which jobs are drawn (the panel says the same). */
export function shownText(
  timeline: Pick<ITimeline, 'hidden_jobs'> & { bars: unknown[] }
): string | null {
  if (!timeline.hidden_jobs) {
    return null;
  }
  const shown = timeline.bars.length;
  const total = timeline.hidden_jobs + shown;
  return `The last ${shown} of ${total} jobs; the numbers below count them all.`;
}

/** The legend's words for the idle timeout (the panel says the same); null once closed. */
export function idleText(
  timeline: Pick<
    ITimeline,
    'timed_out' | 'open' | 'idle_deadline' | 'span' | 'clocks'
  >
): string | null {
  const timeout = formatDuration(timeline.clocks.idle_timeout);
  if (timeline.timed_out) {
    return `timed out after ${timeout} idle`;
  }
  if (!timeline.open) {
    return null;
  }
  const deadline = timeline.idle_deadline;
  if (deadline === null) {
    return `idle timeout ${timeout} (paused while a job is pending)`;
  }
  if (deadline <= timeline.span) {
    return `idle timeout (${timeout})`;
  }
  return `idle timeout in ${formatDuration(deadline - timeline.span)} (after ${timeout} idle)`;
}

export function Timeline(props: { timeline: ITimeline }): JSX.Element {
  const { timeline } = props;
  const span = timeline.span;
  const scale = new Scale(timeline);
  const shown = shownText(timeline);
  const lanes = Math.max(0, ...timeline.bars.map(bar => bar.lane + 1));
  const rows = Array.from({ length: Math.max(lanes, 1) }, (_, lane) =>
    timeline.bars.filter(bar => bar.lane === lane)
  );
  const window = timeline.clocks.exclusive_window;
  const deadline = timeline.idle_deadline;
  const idle = idleText(timeline);
  return (
    <figure
      className="jp-qsession-timeline"
      aria-label="Session timeline"
      data-lapsed={timeline.lapsed}
    >
      <div className="jp-qsession-tl-track">
        {rows.map((row, lane) => (
          <div className="jp-qsession-tl-lane" key={lane}>
            {row.map(bar => (
              <Bar key={bar.job_id} bar={bar} span={span} scale={scale} />
            ))}
          </div>
        ))}
        {deadline !== null && deadline <= span && (
          <div
            className="jp-qsession-tl-idle"
            style={{ left: scale.left(deadline) }}
            title={`Idle timeout (${formatDuration(timeline.clocks.idle_timeout)})`}
          />
        )}
        <div className="jp-qsession-tl-gaps">
          {timeline.gaps.map(gap => (
            <div
              key={`${gap.after_job}-${gap.start}`}
              className={
                'jp-qsession-tl-gap' +
                (gap.lapsed ? ' jp-qsession-tl-lapsed' : '')
              }
              data-lapsed={String(gap.lapsed)}
              title={gapTitle(gap, window)}
              style={scale.place(gap.start, gap.end)}
            />
          ))}
        </div>
      </div>
      <div className="jp-qsession-tl-axis">
        <span>
          {timeline.view_start ? formatDuration(timeline.view_start) : '0 s'}
        </span>
        <span>{formatDuration(span)}</span>
      </div>
      {shown && <div className="jp-qsession-tl-shown">{shown}</div>}
      <div className="jp-qsession-tl-legend">
        <span>
          <i className="jp-qsession-tl-key jp-qsession-tl-queued" />
          queued
        </span>
        <span>
          <i className="jp-qsession-tl-key jp-qsession-tl-executing" />
          executing
        </span>
        <span>
          <i className="jp-qsession-tl-key jp-qsession-tl-gap" />
          gap
        </span>
        {timeline.exclusive && (
          <span>
            <i className="jp-qsession-tl-key jp-qsession-tl-gap jp-qsession-tl-lapsed" />
            exclusive window lapsed (&gt; {formatDuration(window)})
          </span>
        )}
        {idle && (
          <span>
            {deadline !== null && deadline <= span && (
              <i className="jp-qsession-tl-key jp-qsession-tl-idle" />
            )}
            {idle}
          </span>
        )}
      </div>
      <dl className="jp-qsession-tl-facts">
        {timeline.facts.map(fact => (
          <div
            key={fact.label}
            className={
              fact.label.startsWith('Exclusive') && timeline.lapsed
                ? 'jp-qsession-tl-warn'
                : undefined
            }
          >
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
