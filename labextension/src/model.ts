/**
 * The sidebar's state and its polling, with no React in it.
 *
 * One `Poll` refreshes whatever view is showing (the list, a session or a job).
 * It ticks fast while something shown is still pending, slows down step by step
 * to a minute when nothing is, backs off on failures, pauses while the panel or
 * the browser tab is hidden, and stops on a credentials error (401/403) until
 * the user asks again: a poller that keeps knocking with bad credentials only
 * fills logs.
 */
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import { ApiError, QSessionApi } from './api';
import {
  IHealth,
  IItem,
  IItemsQuery,
  IJobDetails,
  IPage,
  ISessionDetails,
  ISessionOverview,
  IWorkspaceInfo,
  SortKey
} from './types';

/** Tick interval while something shown is pending (the setting's default). */
export const FAST_INTERVAL = 2000;
/** First interval once nothing is pending; doubles up to MAX_INTERVAL. */
export const IDLE_INTERVAL = 5000;
export const MAX_INTERVAL = 60000;

/**
 * The poll's intervals in ms: the user's settings (schema/sidebar.json), or
 * the defaults above where the settings are not loaded.
 */
export interface IPollIntervals {
  pending: number;
  idle: number;
  max: number;
}

export const DEFAULT_INTERVALS: IPollIntervals = {
  pending: FAST_INTERVAL,
  idle: IDLE_INTERVAL,
  max: MAX_INTERVAL
};

/** The intervals a settings object holds; a missing or bad value keeps its default. */
export function readIntervals(
  settings: Pick<ISettingRegistry.ISettings, 'get'>
): IPollIntervals {
  const read = (key: string, fallback: number): number => {
    const value = settings.get(key).composite;
    return typeof value === 'number' && value > 0 ? value : fallback;
  };
  const pending = read('pendingInterval', FAST_INTERVAL);
  const idle = read('idleInterval', IDLE_INTERVAL);
  // The longest wait is never shorter than the others.
  const max = Math.max(read('maxInterval', MAX_INTERVAL), pending, idle);
  return { pending, idle, max };
}

export type View =
  | { kind: 'list' }
  | { kind: 'session'; id: string }
  | { kind: 'job'; id: string; sessionId?: string | null };

export const DEFAULT_QUERY: IItemsQuery = {
  q: '',
  state: '',
  target: '',
  type: '',
  since: '',
  sort: 'submitted',
  order: 'desc',
  skip: 0,
  page_size: 50
};

export class SidebarModel {
  constructor(
    readonly api: QSessionApi,
    isVisible: () => boolean
  ) {
    this.poll = new Poll<void, ApiError, 'standby'>({
      auto: false,
      factory: () => this._tick(),
      frequency: {
        interval: DEFAULT_INTERVALS.pending,
        backoff: true,
        max: DEFAULT_INTERVALS.max
      },
      name: 'qsession-jupyter:sidebar',
      standby: () => !isVisible() || 'when-hidden'
    });
  }

  readonly poll: Poll<void, ApiError, 'standby'>;
  intervals: IPollIntervals = { ...DEFAULT_INTERVALS };

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  health: IHealth | null = null;
  workspace: IWorkspaceInfo | null = null;
  query: IItemsQuery = { ...DEFAULT_QUERY };
  page: IPage<IItem> | null = null;
  session: ISessionDetails | null = null;
  /** The open session's spend, timeline and failure. */
  overview: ISessionOverview | null = null;
  job: IJobDetails | null = null;
  view: View = { kind: 'list' };
  /** The last failure; cleared by the next success. */
  error: ApiError | null = null;
  /** Polling stopped on a credentials error; the user must retry. */
  stopped = false;
  loading = false;
  lastUpdated: Date | null = null;
  /** Ids with an action (close, cancel) in flight. */
  readonly busy = new Set<string>();
  /** Sessions closed from here that still run jobs (the service says Executing). */
  readonly closeRequested = new Set<string>();
  /** One line about the last action, shown until the next one. */
  notice: string | null = null;

  /**
   * Take the poll intervals from the sidebar's settings, now and whenever the
   * user changes them (Settings Editor, or overrides.json).
   */
  useSettings(settings: ISettingRegistry.ISettings): void {
    const apply = () => {
      this.intervals = readIntervals(settings);
      this._idle = this.intervals.idle;
      this._setFrequency(this.intervals.pending);
    };
    apply();
    settings.changed.connect(apply, this);
  }

  /** Start polling (the first tick runs at once). */
  start(): void {
    void this.poll.start();
  }

  /** Refresh now, and poll fast again (a user action). */
  refresh(): void {
    this._idle = this.intervals.idle;
    if (this.stopped) {
      this.stopped = false;
      this.error = null;
      void this.poll.start();
    }
    this._setFrequency(this.intervals.pending);
    void this.poll.refresh();
    this._emit();
  }

  setQuery(change: Partial<IItemsQuery>): void {
    // Any filter or sort change goes back to the first page.
    const skip = 'skip' in change ? (change.skip ?? 0) : 0;
    this.query = { ...this.query, ...change, skip };
    this.refresh();
  }

  toggleSort(key: SortKey): void {
    if (this.query.sort === key) {
      this.setQuery({ order: this.query.order === 'asc' ? 'desc' : 'asc' });
    } else {
      this.setQuery({ sort: key, order: key === 'submitted' ? 'desc' : 'asc' });
    }
  }

  open(view: View): void {
    this.view = view;
    this.notice = null;
    if (view.kind !== 'session') {
      this.session = null;
      this.overview = null;
    }
    if (view.kind !== 'job') {
      this.job = null;
    }
    this.refresh();
  }

  async closeSession(id: string): Promise<void> {
    await this._act(id, async () => {
      const session = await this.api.closeSession(id);
      this.closeRequested.add(id);
      // Closing does not cancel or wait for running jobs: the session ends
      // (and its state changes) when they finish.
      this.notice = session.pending
        ? `Session "${session.name}" is closed to new jobs; it ends when its running jobs finish.`
        : `Session "${session.name}" is closed: ${session.state}.`;
    });
  }

  async cancelJob(id: string): Promise<void> {
    await this._act(id, async () => {
      const job = await this.api.cancelJob(id);
      this.notice = `Job "${job.name}" is ${job.state}.`;
    });
  }

  dispose(): void {
    this.poll.dispose();
    Signal.clearData(this);
  }

  private async _act(id: string, action: () => Promise<void>): Promise<void> {
    this.busy.add(id);
    this.notice = null;
    this._emit();
    try {
      await action();
    } catch (reason) {
      this.notice =
        reason instanceof ApiError ? reason.message : String(reason);
    } finally {
      this.busy.delete(id);
      this.refresh();
    }
  }

  private async _tick(): Promise<void> {
    this.loading = true;
    this._emit();
    try {
      if (!this.health) {
        this.health = await this.api.health();
      }
      if (!this.workspace) {
        this.workspace = await this.api.workspace();
        this.query.page_size = this.workspace.page_size || this.query.page_size;
      }
      // A view opened while this tick was loading the previous one is loaded
      // now, not one interval later (the poll drops a refresh during a refresh).
      let view: View;
      let pending: boolean;
      do {
        view = this.view;
        pending = await this._loadView(view);
      } while (view !== this.view);
      this.error = null;
      this.lastUpdated = new Date();
      const { idle, max } = this.intervals;
      this._idle = pending ? idle : Math.min(this._idle * 2, max);
      this._setFrequency(pending ? this.intervals.pending : this._idle);
    } catch (reason) {
      this.error =
        reason instanceof ApiError
          ? reason
          : new ApiError(0, 'client', String(reason));
      if (this.error.isAuth || this.error.code === 'extension_missing') {
        this.stopped = true;
        void this.poll.stop();
      }
      throw this.error;
    } finally {
      this.loading = false;
      this._emit();
    }
  }

  /** Load what a view shows; true if any of it is still pending. */
  private async _loadView(view: View): Promise<boolean> {
    if (view.kind === 'list') {
      const query = { ...this.query };
      const page = await this.api.items(query);
      if (this.view === view) {
        this.page = page;
      }
      return page.items.some(item => item.pending);
    }
    if (view.kind === 'session') {
      const [session, overview] = await Promise.all([
        this.api.session(view.id),
        this.api.sessionOverview(view.id)
      ]);
      if (this.view === view) {
        this.session = session;
        this.overview = overview;
      }
      return (
        session.session.pending || session.jobs.items.some(job => job.pending)
      );
    }
    const job = await this.api.job(view.id);
    if (this.view === view) {
      this.job = job;
    }
    return job.pending;
  }

  private _setFrequency(interval: number): void {
    this.poll.frequency = { interval, backoff: true, max: this.intervals.max };
  }

  private _emit(): void {
    this._changed.emit();
  }

  private _idle = DEFAULT_INTERVALS.idle;
  private _changed = new Signal<this, void>(this);
}
