/** `schemasage.showOutput`: reveal the language server's log. */
import type { Command } from './index.js';

export const showOutput: Command = {
  id: 'schemasage.showOutput',
  run({ output }) {
    output.show(true);
  },
};
