/**
 * The sidebar's formatting rules give the outputs Python's views give for the
 * same inputs (format-cases.json is checked by tests/server/test_views.py too).
 */
import { describe, expect, it } from 'vitest';

import { countsText, formatDuration, formatTime, shortId } from '../format';
import { stateStyle } from '../palette';
import cases from './format-cases.json';

describe('format rules shared with the notebook panel', () => {
  it('runs in UTC, as the shared cases assume', () => {
    expect(new Date('2026-01-01T00:00:00Z').getHours()).toBe(0);
  });

  it.each(cases.durations as [number | null, string][])(
    'duration %s reads %s',
    (seconds, text) => {
      expect(formatDuration(seconds)).toBe(text);
    }
  );

  it.each(cases.times as [string | null, string][])(
    'time %s reads %s',
    (iso, text) => {
      expect(formatTime(iso)).toBe(text);
    }
  );

  it.each(cases.states as [string | null, [string, string]][])(
    'state %s has tone and icon %s',
    (state, [tone, icon]) => {
      const style = stateStyle(state);
      expect([style.tone, style.icon]).toEqual([tone, icon]);
      expect(style.path).toMatch(/^M/);
      expect(style.colour).toMatch(/^var\(--jp-/);
    }
  );

  it.each(cases.counts as [Record<string, number>, string][])(
    'counts %j read %s',
    (counts, text) => {
      expect(countsText(counts)).toBe(text);
    }
  );

  it('tells Executing from Waiting by icon and colour', () => {
    const waiting = stateStyle('Waiting');
    const executing = stateStyle('Executing');
    expect(executing.icon).not.toBe(waiting.icon);
    expect(executing.colour).not.toBe(waiting.colour);
  });

  it('shortens an id to its first block', () => {
    expect(shortId('0b9add69-3821-11ef-b992-f8e4e3ddcdd5')).toBe('0b9add69');
  });
});
