/**
 * The JSON the /qsession/ routes return (built by qsession_jupyter.views).
 */

export interface ICostEvent {
  dimension: string | null;
  unit: string | null;
  unit_price: number | null;
  consumed: number | null;
  billed: number | null;
}

export interface ICost {
  currency: string;
  total: number | null;
  display: string;
  events: ICostEvent[];
}

/** A session's jobs, counted by state (sessions in lists and details only). */
export interface ISessionJobs {
  total: number;
  counts: Record<string, number>;
}

export interface IItemError {
  code: string;
  message: string;
}

export interface IItem {
  id: string;
  name: string;
  item_type: 'Session' | 'Job';
  job_type: string | null;
  type: string;
  provider_id: string | null;
  target: string | null;
  state: string | null;
  pending: boolean;
  creation_time: string | null;
  begin_execution_time: string | null;
  end_execution_time: string | null;
  cost: ICost | null;
  error: IItemError | null;
  priority: string | null;
  tags: string[];
  // Sessions
  job_failure_policy?: string | null;
  can_close?: boolean;
  jobs?: ISessionJobs;
  // Jobs
  session_id?: string | null;
  input_data_format?: string | null;
  output_data_format?: string | null;
  can_cancel?: boolean;
}

export interface IPage<T> {
  items: T[];
  skip: number;
  page_size: number;
  has_more: boolean;
  next_skip: number | null;
}

export interface IHistogram {
  format: string;
  outcomes: string[];
  counts?: number[];
  probabilities?: number[];
  shots: number | null;
  omitted: number;
  omitted_weight: number;
}

export interface IJobDetails extends IItem {
  input_params: unknown;
  metadata: unknown;
  cancellation_time: string | null;
  queued_seconds: number | null;
  executing_seconds: number | null;
  is_cancelling: boolean;
  results: IHistogram | null;
  results_error: string | null;
}

export interface ISessionDetails {
  session: IItem;
  jobs: IPage<IItem>;
}

export interface IWorkspaceInfo {
  workspace: {
    kind: 'local' | 'azure';
    name: string | null;
    label: string;
    location: string | null;
  };
  reachable: boolean;
  targets: { id: string; provider_id: string; availability: string }[];
  states: string[];
  types: { value: string; label: string }[];
  page_size: number;
}

export interface IHealth {
  ok: boolean;
  api_version: number;
  version: string;
}

export type SortKey =
  'submitted' | 'name' | 'type' | 'provider' | 'target' | 'state';

export interface IItemsQuery {
  q: string;
  state: string;
  target: string;
  type: string;
  /** 'today' | '7d' | '30d' | '' (any time); sent as a created_after date. */
  since: string;
  sort: SortKey;
  order: 'asc' | 'desc';
  skip: number;
  page_size: number;
}

/** A session's spending against its budget (views/overview.spend_model). */
export interface ISpend {
  spent: number;
  currency: string;
  limit: number | null;
  remaining: number | null;
  fraction: number | null;
  last_job_cost: number | null;
  jobs_that_fit: number | null;
  spent_display: string;
  limit_display: string | null;
  remaining_display: string | null;
  forecast: string;
}

/** One job on the timeline; offsets in seconds from the timeline's origin. */
export interface ITimelineBar {
  job_id: string;
  name: string;
  state: string | null;
  submitted: number;
  started: number | null;
  ended: number | null;
  open: boolean;
  queued_seconds: number;
  executing_seconds: number;
  lane: number;
}

export interface ITimelineGap {
  start: number;
  end: number;
  seconds: number;
  after_job: string;
  before_job: string | null;
  lapsed: boolean;
}

/** views/timeline.Timeline.as_json(): bars, gaps, the two clocks and the facts under it. */
export interface ITimeline {
  origin: string | null;
  span: number;
  provider_id: string | null;
  exclusive: boolean;
  clocks: { idle_timeout: number; exclusive_window: number };
  bars: ITimelineBar[];
  gaps: ITimelineGap[];
  view_start: number;
  hidden_jobs: number;
  idle_deadline: number | null;
  open: boolean;
  timed_out: boolean;
  busy_share: number | null;
  median_gap: number | null;
  longest_gap: number | null;
  lapsed: number;
  facts: { label: string; value: string }[];
}

/** Why a session failed under Abort: the job that failed it. */
export interface ISessionFailure {
  session_id: string;
  policy: string;
  job_id: string | null;
  job_name: string;
  error: IItemError | null;
  text: string;
}

/** GET /qsession/sessions/{id}/overview */
export interface ISessionOverview {
  spend: ISpend;
  timeline: ITimeline;
  failure: ISessionFailure | null;
}
