#!/usr/bin/env node
// Makes sure a Chromium is installed for the browser test (test/runtimes/chromium.test.ts), as
// ensure-generator-jar.mjs does for the generator JAR. Playwright drives the system's Chromium; it never
// downloads a browser of its own. Found: CHROMIUM_PATH, then chromium, chromium-browser, google-chrome on PATH.
// Missing: installed with apt-get when running as root on Debian or Ubuntu; otherwise this fails with the
// command that installs it. `--check` only looks: it prints the path, or the command, and exits 1 when missing.
import { existsSync } from 'node:fs';
import { fail, run } from './lib/run.mjs';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
export const INSTALL_HINT =
  'The browser test needs Chromium, and none was found. Install it with\n' +
  '  npm run runtimes:install        (runs apt-get as root on Debian/Ubuntu), or\n' +
  '  sudo apt-get update && sudo apt-get install -y chromium\n' +
  'or set CHROMIUM_PATH to a Chromium or Chrome binary.';

export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const name of CANDIDATES) {
    const found = run('sh', ['-c', `command -v ${name}`], { quiet: true });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || run('apt-get', ['--version'], { quiet: true }).status !== 0) fail(INSTALL_HINT);
  console.error('Chromium: installing with apt-get (about a minute)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
  ]) {
    if (run('apt-get', args, { env }).status !== 0) fail(`\`apt-get ${args.join(' ')}\` failed.\n${INSTALL_HINT}`);
  }
  return findChromium() ?? fail(`apt-get installed chromium, but it is not on PATH.\n${INSTALL_HINT}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--check')) {
    const found = findChromium();
    if (!found) fail(INSTALL_HINT);
    console.log(found);
  } else {
    console.log(ensureChromium());
  }
}
