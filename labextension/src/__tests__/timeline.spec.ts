/**
 * The sidebar's timeline says what the notebook panel's says for the same
 * model (timeline-cases.json is checked by tests/views/test_timeline_words.py too).
 */
import { describe, expect, it } from 'vitest';

import {
  barTitle,
  gapTitle,
  idleText,
  shownText
} from '../components/Timeline';
import { ITimelineBar, ITimelineGap } from '../types';
import cases from './timeline-cases.json';

interface IIdleCase {
  open: boolean;
  timed_out: boolean;
  idle_deadline: number | null;
  span: number;
  idle_timeout: number;
}

describe('timeline words shared with the notebook panel', () => {
  it.each(cases.bars as [ITimelineBar, string][])(
    'bar %o reads %s',
    (bar, title) => {
      expect(barTitle(bar)).toBe(title);
    }
  );

  it.each(cases.gaps as [ITimelineGap, number, string][])(
    'gap %o reads %s',
    (gap, window, title) => {
      expect(gapTitle(gap, window)).toBe(title);
    }
  );

  it.each(cases.idle as [IIdleCase, string | null][])(
    'idle %o reads %s',
    (idle, text) => {
      expect(
        idleText({
          ...idle,
          clocks: { idle_timeout: idle.idle_timeout, exclusive_window: 60 }
        })
      ).toBe(text);
    }
  );

  it.each(
    cases.shown as [{ hidden_jobs: number; shown: number }, string | null][]
  )('shown %o reads %s', (shown, text) => {
    expect(
      shownText({
        hidden_jobs: shown.hidden_jobs,
        bars: new Array(shown.shown).fill(null)
      })
    ).toBe(text);
  });
});
