import * as React from 'react';

import { ApiError } from '../api';

const TITLES: Record<string, string> = {
  extension_missing: 'Server extension not running',
  network: 'Jupyter server unreachable',
  unreachable: 'Workspace unreachable',
  not_configured: 'Workspace not configured',
  auth: 'Not authorised',
  permission: 'Not authorised',
  not_found: 'Not found',
  validation: 'Invalid request',
  service_error: 'Workspace error'
};

function advice(error: ApiError, stopped: boolean): string {
  switch (error.code) {
    case 'extension_missing':
      return 'The sidebar is installed but the qsession_jupyter server extension is not enabled in this Jupyter server. Check `jupyter server extension list`, run `pip install qsession-jupyter` in the environment that runs JupyterLab, and restart it.';
    case 'network':
      return 'JupyterLab lost its connection to the Jupyter server. Retrying with backoff.';
    case 'unreachable':
      return 'The sidebar keeps retrying, less and less often. For the local workspace, the service starts on demand; for Azure, check the network.';
    case 'not_configured':
      return 'Set the workspace in the Jupyter server configuration (c.QSessionServer...) or with the AZURE_QUANTUM_* environment variables, then restart the server.';
    default:
      return stopped
        ? 'Automatic refresh is stopped. Fix the credentials, then retry.'
        : '';
  }
}

/** Says what went wrong, why, and what polling does about it. */
export function ErrorBanner(props: {
  error: ApiError;
  stopped: boolean;
  onRetry: () => void;
}): JSX.Element {
  const { error, stopped } = props;
  return (
    <div
      className="jp-qsession-banner jp-qsession-banner-error"
      role="alert"
      data-error-code={error.code}
    >
      <strong>{TITLES[error.code] ?? 'Error'}</strong>
      <p>{error.message}</p>
      {advice(error, stopped) && <p>{advice(error, stopped)}</p>}
      <button
        type="button"
        className="jp-qsession-button"
        onClick={props.onRetry}
      >
        Retry now
      </button>
    </div>
  );
}
