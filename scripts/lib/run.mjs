// What the scripts share: running a command, failing with a message saying what to do, and running a main.
import { spawnSync } from 'node:child_process';

/** Runs a command, inheriting or capturing its output; returns the exit status (null when it could not start). */
export function run(command, args, { quiet = false, cwd, env } = {}) {
  const result = spawnSync(command, args, { stdio: quiet ? 'pipe' : 'inherit', cwd, env, encoding: 'utf8' });
  return { status: result.error ? null : result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Prints what to do and exits 1. */
export function fail(message) {
  console.error(message);
  process.exit(1);
}

/** Fails with `hint` (what to install) unless `command` runs with `args` (its version flag). */
export function requireCommand(command, args, hint) {
  if (run(command, args, { quiet: true }).status !== 0) fail(hint);
}

/** Runs a check's main; an error it throws is printed without a stack and exits 2 (a failed check sets 1 itself). */
export function runMain(main) {
  Promise.resolve()
    .then(main)
    .catch((error) => {
      console.error(error.message);
      process.exit(2);
    });
}
