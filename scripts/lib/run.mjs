// What the ensure-*.mjs installers share: running a command, and failing with a message saying what to do.
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
