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
