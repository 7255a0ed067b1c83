import * as React from 'react';

import { copyIcon } from '@jupyterlab/ui-components';

/** The portal's id box: shortened id plus a copy button. */
export function CopyId(props: { id: string }): JSX.Element {
  const [copied, setCopied] = React.useState(false);
  const copy = async (event: React.MouseEvent) => {
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(props.id);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 1500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <span className="jp-qsession-id" title={props.id}>
      <code>{props.id}</code>
      <button
        type="button"
        className="jp-qsession-icon-button"
        aria-label={`Copy id ${props.id}`}
        title={copied ? 'Copied' : 'Copy id'}
        onClick={copy}
      >
        <copyIcon.react tag="span" width="14px" height="14px" />
      </button>
    </span>
  );
}
