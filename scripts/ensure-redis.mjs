#!/usr/bin/env node
// Makes sure a `redis-server` is installed for the Redis store's tests (test/redis/) and benchmark
// (bench/run-redis-bench.mjs), as ensure-chromium.mjs does for Chromium. Found: REDIS_SERVER_PATH, then
// redis-server on PATH. Missing: Debian's `redis-server` package, installed with apt-get when running as root on
// Debian or Ubuntu; otherwise this fails with the command that installs it. The tests start their own server on a
// loopback port and stop it; the package's own service is neither needed nor touched. `--check` only looks: it
// prints the path, or the command, and exits 1 when missing.
import { existsSync } from 'node:fs';
import { run } from './lib/run.mjs';

export const INSTALL_HINT =
  'The Redis store tests need redis-server, and none was found. Install it with\n' +
  '  npm run redis:install           (runs apt-get as root on Debian/Ubuntu), or\n' +
  '  sudo apt-get update && sudo apt-get install -y redis-server\n' +
  'or set REDIS_SERVER_PATH to a redis-server binary.';

export function findRedisServer() {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const found = run('sh', ['-c', 'command -v redis-server'], { quiet: true });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  // Debian installs it in /usr/bin, but a PATH without it (a service's) still finds it here.
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}

export function ensureRedisServer() {
  const found = findRedisServer();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || run('apt-get', ['--version'], { quiet: true }).status !== 0) fail(INSTALL_HINT);
  console.error('redis-server: installing with apt-get...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'],
  ]) {
    if (run('apt-get', args, { env }).status !== 0) fail(`\`apt-get ${args.join(' ')}\` failed.\n${INSTALL_HINT}`);
  }
  return findRedisServer() ?? fail(`apt-get installed redis-server, but it is not on PATH.\n${INSTALL_HINT}`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const found = findRedisServer();
    if (!found) fail(INSTALL_HINT);
    console.log(found);
  } else {
    console.log(ensureRedisServer());
  }
}
