/** The `matchcast` executable: runs the command line, and turns any failure into one line and an exit status. */
import { CommanderError } from 'commander';
import { debugRequested } from '../config/config.ts';
import { describeError } from './describe-error.ts';
import { createProgram } from './program.ts';

// A reader that stops early (`| head`, `| jq -n first(inputs)`) closes the pipe. What it wanted is written; the
// rest of the output goes nowhere, and the command itself runs on to its end and its own exit status (a `sync`
// cut short by its reader would leave files unpulled). Unhandled, the write error killed it with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    process.stdout.write = () => true;
    return;
  }
  process.stderr.write(`matchcast: cannot write the output: ${error.message}\n`);
  process.exit(1);
});

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  // Help or the version, already written (program.ts chose the status).
  if (error instanceof CommanderError) process.exit(error.exitCode);
  // One line a user can act on; the stack trace only when asked for.
  const { message, exitCode } = describeError(error);
  process.stderr.write(`matchcast: ${message}\n`);
  if (debugRequested(process.env) && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  process.exit(exitCode);
}
