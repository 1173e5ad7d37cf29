/** `schemasage.restartServer`: stop and start the language server. */
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
      void vscode.window.showErrorMessage(`SchemaSage: the language server did not restart (${message}).`, 'Show Log').then((pick) => {
        if (pick) output.show(true);
      });
    }
  },
};
