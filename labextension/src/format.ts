/**
 * How times, durations and states read in the sidebar.
 */

/** The portal's "10/16/2023, 2:28:35 PM", in the user's locale. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) {
    return '--';
  }
  const date = new Date(iso);
  return isNaN(date.getTime()) ? iso : date.toLocaleString();
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) {
    return '--';
  }
  if (seconds < 1) {
    return `${Math.round(seconds * 1000)} ms`;
  }
  if (seconds < 60) {
    return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${Math.round(seconds % 60)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export type StateTone = 'success' | 'error' | 'warn' | 'pending' | 'neutral';

/** The colour family of a job or session state. */
export function stateTone(state: string | null | undefined): StateTone {
  switch (state) {
    case 'Succeeded':
    case 'Completed':
      return 'success';
    case 'Failed':
      return 'error';
    case 'Failure(s)':
    case 'TimedOut':
      return 'warn';
    case 'Cancelled':
      return 'neutral';
    default:
      return 'pending';
  }
}
