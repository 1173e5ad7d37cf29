/**
 * The CLI bundle's entry: runs `main` with the process's argv, streams and
 * working directory, and sets the exit code. Nothing else: main.ts is the
 * CLI, importable without side effects. Bundled as dist/cli-main.js, which
 * dist/cli.js (launch.ts) runs through the V8 code cache.
 */
import { main } from './main.js';

// `schemasage check . | head` closes the pipe early: that is not a failure.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
void main(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.cwd(),
  github: process.env.GITHUB_ACTIONS === 'true',
}).then((code) => {
  process.exitCode = code;
  // Exit once the output is written (a write's callback runs after every earlier write). Left to end by
  // itself, Node tears the whole heap down first: 20 ms of a 5,000-table check.
  let pending = 2;
  const written = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', written);
  process.stderr.write('', written);
});
