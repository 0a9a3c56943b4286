#!/usr/bin/env node
// `node scripts/ensure-system-binary.mjs <chromium|redis-server> [--check]`: finds a system binary the tests need
// (Chromium for test/runtimes/chromium.test.ts, redis-server for test/redis/ and the Redis benchmark): its
// environment variable, then PATH, then /usr/bin. Missing, it installs Debian's package with apt-get when run as
// root on Debian or Ubuntu, else fails with the command that installs it. `--check` only looks: it prints the
// path, or that command, and exits 1 when missing. Playwright drives this Chromium; it never downloads its own.
import { existsSync } from 'node:fs';
import { fail, run } from './lib/run.mjs';

const install = (what, npmScript, aptPackage, envVar) =>
  `${what}, and none was found. Install it with\n` +
  `  npm run ${npmScript.padEnd(23)} (runs apt-get as root on Debian/Ubuntu), or\n` +
  `  sudo apt-get update && sudo apt-get install -y ${aptPackage}\n` +
  `or set ${envVar} to a binary.`;

const BINARIES = {
  chromium: {
    envVar: 'CHROMIUM_PATH',
    names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    aptArgs: ['chromium'],
    hint: install('The browser test needs Chromium', 'runtimes:install', 'chromium', 'CHROMIUM_PATH'),
  },
  'redis-server': {
    envVar: 'REDIS_SERVER_PATH',
    names: ['redis-server'],
    aptArgs: ['--no-install-recommends', 'redis-server'],
    hint: install('The Redis store tests need redis-server', 'redis:install', 'redis-server', 'REDIS_SERVER_PATH'),
  },
};

/** The binary's path, or undefined. */
export function findSystemBinary(label) {
  const { envVar, names } = BINARIES[label];
  if (process.env[envVar]) return existsSync(process.env[envVar]) ? process.env[envVar] : undefined;
  for (const name of names) {
    const found = run('sh', ['-c', `command -v ${name}`], { quiet: true });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return names.map((name) => `/usr/bin/${name}`).find((file) => existsSync(file));
}

/** The binary's path, installed with apt-get first when it is missing; exits 1 with the hint when it cannot. */
export function ensureSystemBinary(label) {
  const { aptArgs, hint } = BINARIES[label];
  const found = findSystemBinary(label);
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || run('apt-get', ['--version'], { quiet: true }).status !== 0) fail(hint);
  console.error(`${label}: installing with apt-get...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (...args) =>
    run('apt-get', args, { env }).status === 0 || fail(`\`apt-get ${args.join(' ')}\` failed.\n${hint}`);
  apt('update', '-qq');
  apt('install', '-y', '-qq', ...aptArgs);
  return findSystemBinary(label) ?? fail(`apt-get installed ${label}, but it is not on PATH.\n${hint}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const label = process.argv[2];
  if (!BINARIES[label])
    fail(`usage: node scripts/ensure-system-binary.mjs <${Object.keys(BINARIES).join('|')}> [--check]`);
  console.log(
    process.argv.includes('--check')
      ? (findSystemBinary(label) ?? fail(BINARIES[label].hint))
      : ensureSystemBinary(label),
  );
}
