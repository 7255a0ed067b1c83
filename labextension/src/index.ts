/**
 * "Quantum sessions": a left sidebar listing the workspace's sessions and jobs,
 * like the Azure portal's Job management blade.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';

import { QSessionApi } from './api';
import { sessionsIcon } from './icons';
import { QuantumSessionsPanel } from './widget';

namespace CommandIDs {
  export const open = 'qsession:open-sidebar';
  export const refresh = 'qsession:refresh';
}

const PALETTE_CATEGORY = 'Quantum';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'qsession-jupyter:sidebar',
  description: 'A sidebar listing Azure Quantum sessions and jobs.',
  autoStart: true,
  optional: [ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ) => {
    const api = new QSessionApi(app.serviceManager.serverSettings);
    const panel = new QuantumSessionsPanel(api);
    app.shell.add(panel, 'left', { rank: 600 });
    if (restorer) {
      restorer.add(panel, panel.id);
    }

    app.commands.addCommand(CommandIDs.open, {
      label: 'Open Quantum Sessions',
      caption: 'Show the Quantum sessions sidebar',
      icon: sessionsIcon,
      execute: () => app.shell.activateById(panel.id)
    });
    app.commands.addCommand(CommandIDs.refresh, {
      label: 'Refresh Quantum Sessions',
      caption: 'Reload the sessions and jobs shown in the sidebar',
      execute: () => {
        app.shell.activateById(panel.id);
        panel.model.refresh();
      }
    });
    if (palette) {
      palette.addItem({ command: CommandIDs.open, category: PALETTE_CATEGORY });
      palette.addItem({
        command: CommandIDs.refresh,
        category: PALETTE_CATEGORY
      });
    }
  }
};

export default plugin;
