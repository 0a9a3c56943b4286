#!/usr/bin/env node
// Makes sure the pinned oasdiff (the OpenAPI diff tool behind `npm run spec:breaking`) is at
// .oasdiff/<version>/oasdiff, building it with `go install` from the Go module proxy the first time (about 30 s
// on two cores; the binary is then reused, as the generator JAR is). TMDB_OASDIFF names a binary to use instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lib/generator-config.mjs';
import { fail, requireCommand, run } from './lib/run.mjs';

export const OASDIFF_MODULE = 'github.com/oasdiff/oasdiff';
export const OASDIFF_VERSION = 'v1.37.0';

export function ensureOasdiff() {
  if (process.env.TMDB_OASDIFF) return process.env.TMDB_OASDIFF;
  const dir = path.join(repoRoot, '.oasdiff', OASDIFF_VERSION);
  const binary = path.join(dir, 'oasdiff');
  if (isUsable(binary)) return binary;

  requireCommand(
    'go',
    ['version'],
    `oasdiff ${OASDIFF_VERSION} is built from source with Go, and \`go\` was not found on PATH.\n` +
      'Install Go 1.26 or newer (https://go.dev/dl/; Debian/Ubuntu: `apt-get install -y golang-go` if its Go is\n' +
      'recent enough), or set TMDB_OASDIFF to an oasdiff binary, then run this again.',
  );
  console.error(`oasdiff ${OASDIFF_VERSION}: building with go install (once; about 30 s)...`);
  // An interrupted build can leave a partial binary; isUsable runs it, so the next run builds again.
  const env = { ...process.env, GOBIN: dir, CGO_ENABLED: '0' };
  const result = run('go', ['install', `${OASDIFF_MODULE}@${OASDIFF_VERSION}`], { quiet: true, env });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    fail(`go install ${OASDIFF_MODULE}@${OASDIFF_VERSION} failed (exit ${result.status}); its output is above.`);
  }
  if (!isUsable(binary)) fail(`The oasdiff built at ${binary} does not run.`);
  return binary;
}

/**
 * oasdiff's changelog from `base` to `revision` (files, `<git ref>:<path>` in `cwd`, or `-` for `input`): every change it classifies, as
 * `{ id, text, level: 3 ERR | 2 WARN | 1 INFO, operation?, path?, section }`. `args` adds oasdiff flags.
 */
export function oasdiffChangelog(base, revision, { args = [], input, cwd } = {}) {
  const result = spawnSync(ensureOasdiff(), ['changelog', base, revision, '--format', 'json', ...args], {
    encoding: 'utf8',
    input,
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`oasdiff failed (exit ${result.status}): ${result.stderr.trim()}`);
  return JSON.parse(result.stdout || '[]') ?? [];
}

function isUsable(binary) {
  return existsSync(binary) && run(binary, ['--version'], { quiet: true }).status === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(ensureOasdiff());
}
