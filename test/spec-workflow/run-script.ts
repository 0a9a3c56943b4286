import { spawnSync } from 'node:child_process';
import path from 'node:path';
import nock from 'nock';

export const repoRoot = path.resolve(__dirname, '..', '..');

// These suites test the repository's tooling, not the package: the consumer install test, which reruns every
// suite against the installed tarball, has nothing to add by running them again.
export const describeTooling = process.env.TMDB_AUTH_CLIENT_UNDER_TEST ? describe.skip : describe;

if (process.env.TMDB_AUTH_CLIENT_UNDER_TEST) {
  // Jest runs no hook in a file whose tests are all skipped, so the setup file's afterAll that takes nock off
  // node:http never runs here, and the next file in this worker would see two layers of mocked sockets (its
  // connection-error tests then fail). Taking it off at once does what that hook would have done.
  nock.restore();
}

export interface ScriptResult {
  status: number | null;
  output: string;
}

/** Runs one of scripts/*.mjs as `npm run` would, from `cwd`, and returns its exit code and all it printed. */
export function runScript(script: string, args: string[] = [], cwd = repoRoot): ScriptResult {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
