#!/usr/bin/env node
// Makes sure a `redis-server` is installed for the Redis store's tests (test/redis/) and benchmark
// (bench/run-redis-bench.mjs), as ensure-chromium.mjs does for Chromium. Found: REDIS_SERVER_PATH, then
// redis-server on PATH. Missing: Debian's `redis-server` package, installed with apt-get when running as root on
// Debian or Ubuntu; otherwise this fails with the command that installs it. The tests start their own server on a
// loopback port and stop it; the package's own service is neither needed nor touched. `--check` only looks: it
// prints the path, or the command, and exits 1 when missing.
import { systemBinary } from './lib/system-binary.mjs';

const redis = systemBinary({
  label: 'redis-server',
  envVar: 'REDIS_SERVER_PATH',
  names: ['redis-server'],
  aptArgs: ['--no-install-recommends', 'redis-server'],
  hint:
    'The Redis store tests need redis-server, and none was found. Install it with\n' +
    '  npm run redis:install           (runs apt-get as root on Debian/Ubuntu), or\n' +
    '  sudo apt-get update && sudo apt-get install -y redis-server\n' +
    'or set REDIS_SERVER_PATH to a redis-server binary.',
});
export const { find: findRedisServer, ensure: ensureRedisServer } = redis;

if (import.meta.url === `file://${process.argv[1]}`) redis.cli();
