/**
 * How times, durations and job counts read in the sidebar: the same rules as
 * qsession_jupyter/views/display.py (the notebook panel and the magics' tables),
 * checked against the same cases (src/__tests__/format-cases.json) on both sides.
 */
import { PALETTE } from './palette';

export const MISSING = PALETTE.missing;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** A service timestamp in the viewer's local time: "2026-11-30 20:22:57". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return MISSING;
  }
  const date = new Date(iso);
  if (isNaN(date.getTime())) {
    return MISSING;
  }
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** "350 ms", "4.5 s", "42 s", "3 min 5 s", "2 h 7 min"; rounded down. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || isNaN(seconds)) {
    return MISSING;
  }
  const value = Math.max(seconds, 0);
  if (value < 1) {
    return `${Math.floor(value * 1000)} ms`;
  }
  if (value < 10) {
    return `${(Math.floor(value * 10) / 10).toFixed(1)} s`;
  }
  if (value < 60) {
    return `${Math.floor(value)} s`;
  }
  const minutes = Math.floor(value / 60);
  if (minutes < 60) {
    return `${minutes} min ${Math.floor(value % 60)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** (state, count) pairs in the panel's order: what is still going on first. */
export function orderedCounts(
  counts: Record<string, number>
): [string, number][] {
  const known = PALETTE.countOrder
    .filter(state => counts[state])
    .map(state => [state, counts[state]] as [string, number]);
  const other = Object.keys(counts)
    .filter(state => !PALETTE.countOrder.includes(state) && counts[state])
    .sort()
    .map(state => [state, counts[state]] as [string, number]);
  return [...known, ...other];
}

/** "3 jobs: 1 Executing, 2 Succeeded", or "no jobs". */
export function countsText(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (!total) {
    return 'no jobs';
  }
  const detail = orderedCounts(counts)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  return `${total} ${total === 1 ? 'job' : 'jobs'}: ${detail}`;
}

/** The first block of an id: enough to tell two same-named items apart. */
export function shortId(id: string): string {
  return id.split('-')[0].slice(0, 8);
}
