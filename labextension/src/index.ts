/**
 * "Quantum sessions": a left sidebar listing the workspace's sessions and jobs,
 * like the Azure portal's Job management blade.
 *
 * Only the generic shell API is used (`shell.add` to the left area,
 * `activateById`), so the same plugin runs in JupyterLab 4 and in Notebook 7,
 * whose notebook and tree pages have a left side panel too. The View menu entry
 * comes from the settings schema (`jupyter.lab.menus`), which both read.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';

import { QSessionApi } from './api';
import { sessionsIcon } from './icons';
import { QuantumSessionsPanel } from './widget';

namespace CommandIDs {
  export const open = 'qsession:open-sidebar';
  export const refresh = 'qsession:refresh';
}

const PALETTE_CATEGORY = 'Quantum';

const PLUGIN_ID = 'qsession-jupyter:sidebar';

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'A sidebar listing Azure Quantum sessions and jobs.',
  autoStart: true,
  optional: [ICommandPalette, ILayoutRestorer, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null
  ) => {
    const api = new QSessionApi(app.serviceManager.serverSettings);
    const panel = new QuantumSessionsPanel(api);
    app.shell.add(panel, 'left', { rank: 600 });
    if (restorer) {
      restorer.add(panel, panel.id);
    }
    if (settingRegistry) {
      settingRegistry
        .load(PLUGIN_ID)
        .then(settings => panel.model.useSettings(settings))
        .catch(reason =>
          console.warn('qsession-jupyter: settings not loaded', reason)
        );
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
