#!/usr/bin/env node
// Makes sure a Chromium is installed for the browser test (test/runtimes/chromium.test.ts), as
// ensure-generator-jar.mjs does for the generator JAR. Playwright drives the system's Chromium; it never
// downloads a browser of its own. Found: CHROMIUM_PATH, then chromium, chromium-browser, google-chrome on PATH.
// Missing: installed with apt-get when running as root on Debian or Ubuntu; otherwise this fails with the
// command that installs it. `--check` only looks: it prints the path, or the command, and exits 1 when missing.
import { systemBinary } from './lib/system-binary.mjs';

const chromium = systemBinary({
  label: 'chromium',
  envVar: 'CHROMIUM_PATH',
  names: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
  aptArgs: ['chromium'],
  hint:
    'The browser test needs Chromium, and none was found. Install it with\n' +
    '  npm run runtimes:install        (runs apt-get as root on Debian/Ubuntu), or\n' +
    '  sudo apt-get update && sudo apt-get install -y chromium\n' +
    'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
});
export const { find: findChromium, ensure: ensureChromium } = chromium;

if (import.meta.url === `file://${process.argv[1]}`) chromium.cli();
