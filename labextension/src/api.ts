/**
 * Typed calls to the server extension's /qsession/ routes.
 */
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import {
  IHealth,
  IItem,
  IItemsQuery,
  IJobDetails,
  IPage,
  ISessionDetails,
  ISessionOverview,
  IWorkspaceInfo
} from './types';

/**
 * Why a request failed, as the server classified it (`code`), or
 * `extension_missing` / `network` when the server extension never answered.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Which workspace failed, when the server could tell. */
    readonly workspace: IWorkspaceInfo['workspace'] | null = null
  ) {
    super(message);
  }

  /** Credentials problems: polling must stop instead of hammering. */
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

function isErrorBody(body: unknown): body is {
  error: {
    code: string;
    message: string;
    workspace?: IWorkspaceInfo['workspace'];
  };
} {
  if (typeof body !== 'object' || body === null || !('error' in body)) {
    return false;
  }
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && 'code' in error;
}

export class QSessionApi {
  constructor(
    private readonly settings: ServerConnection.ISettings = ServerConnection.makeSettings()
  ) {}

  health(): Promise<IHealth> {
    return this.request<IHealth>('health');
  }

  workspace(): Promise<IWorkspaceInfo> {
    return this.request<IWorkspaceInfo>('workspace');
  }

  items(query: IItemsQuery): Promise<IPage<IItem>> {
    const params: Record<string, string> = {
      sort: query.sort,
      order: query.order,
      skip: String(query.skip),
      page_size: String(query.page_size)
    };
    if (query.q.trim()) {
      params.q = query.q.trim();
    }
    for (const key of ['state', 'target', 'type'] as const) {
      if (query[key]) {
        params[key] = query[key];
      }
    }
    const after = Private.sinceDate(query.since);
    if (after) {
      params.created_after = after;
    }
    return this.request<IPage<IItem>>('items', params);
  }

  session(id: string, skip = 0, pageSize = 100): Promise<ISessionDetails> {
    return this.request<ISessionDetails>(`sessions/${encodeURIComponent(id)}`, {
      skip: String(skip),
      page_size: String(pageSize)
    });
  }

  /** Spend, timeline and failure of a session (all its jobs, not one page). */
  sessionOverview(id: string): Promise<ISessionOverview> {
    return this.request<ISessionOverview>(
      `sessions/${encodeURIComponent(id)}/overview`
    );
  }

  job(id: string): Promise<IJobDetails> {
    return this.request<IJobDetails>(`jobs/${encodeURIComponent(id)}`);
  }

  closeSession(id: string): Promise<IItem> {
    return this.request<IItem>(
      `sessions/${encodeURIComponent(id)}/close`,
      {},
      'POST'
    );
  }

  cancelJob(id: string): Promise<IItem> {
    return this.request<IItem>(
      `jobs/${encodeURIComponent(id)}/cancel`,
      {},
      'POST'
    );
  }

  private async request<T>(
    path: string,
    params: Record<string, string> = {},
    method: 'GET' | 'POST' = 'GET'
  ): Promise<T> {
    const query = new URLSearchParams(params).toString();
    const url =
      URLExt.join(this.settings.baseUrl, 'qsession', path) +
      (query ? `?${query}` : '');
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(
        url,
        { method, body: method === 'POST' ? '{}' : undefined },
        this.settings
      );
    } catch (reason) {
      throw new ApiError(
        0,
        'network',
        `Cannot reach the Jupyter server: ${String(reason)}`
      );
    }
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (response.ok) {
      return body as T;
    }
    if (isErrorBody(body)) {
      throw new ApiError(
        response.status,
        body.error.code,
        body.error.message,
        body.error.workspace ?? null
      );
    }
    if (response.status === 404) {
      throw new ApiError(
        404,
        'extension_missing',
        'The qsession-jupyter server extension is not running in this Jupyter server.'
      );
    }
    throw new ApiError(
      response.status,
      'http',
      `The Jupyter server answered ${response.status} ${response.statusText}.`
    );
  }
}

namespace Private {
  const DAYS: Record<string, number> = { today: 0, '7d': 7, '30d': 30 };

  /** The workspace filters creation times by UTC date, so send a date. */
  export function sinceDate(since: string, now: Date = new Date()): string {
    const days = DAYS[since];
    if (days === undefined) {
      return '';
    }
    const day = new Date(now.getTime() - days * 24 * 3600 * 1000);
    return day.toISOString().slice(0, 10);
  }
}
