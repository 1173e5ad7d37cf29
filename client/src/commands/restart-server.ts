/**
 * `schemasage.restartServer`: stop and start the language server. Log lines
 * stay English (they go into bug reports); what the user is shown is localised.
 */
import * as vscode from 'vscode';
import type { Command } from './index.js';

export const restartServer: Command = {
  id: 'schemasage.restartServer',
  async run({ client, output, status }) {
    output.info('Restarting the SchemaSage language server');
    status.reset();
    try {
      if (client.isRunning()) await client.restart();
      else await client.start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      output.error(`Restart failed: ${message}`);
      status.setFailed();
      void vscode.window.showErrorMessage(vscode.l10n.t('SchemaSage: the language server did not restart ({0}).', message), vscode.l10n.t('Show Log')).then((pick) => {
        if (pick) output.show(true);
      });
    }
  },
};
