/**
 * The left-area panel: a ReactWidget that re-renders when the model changes
 * and tells the poll when it is shown or hidden.
 */
import * as React from 'react';

import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import { Message } from '@lumino/messaging';

import { QSessionApi } from './api';
import { Sidebar } from './components/Sidebar';
import { sessionsIcon } from './icons';
import { SidebarModel } from './model';

export class QuantumSessionsPanel extends ReactWidget {
  constructor(api: QSessionApi) {
    super();
    this.id = 'qsession-jupyter-sidebar';
    this.addClass('jp-qsession-panel');
    this.title.icon = sessionsIcon;
    this.title.caption = 'Quantum sessions';
    this.model = new SidebarModel(api, () => this.isVisible);
  }

  readonly model: SidebarModel;

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (!this._started) {
      this._started = true;
      this.model.start();
    } else if (!this.model.stopped) {
      this.model.refresh();
    }
  }

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => <Sidebar model={this.model} />}
      </UseSignal>
    );
  }

  private _started = false;
}
