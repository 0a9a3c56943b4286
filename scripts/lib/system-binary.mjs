// What ensure-chromium.mjs and ensure-redis.mjs share: a system binary the tests need, found through an
// environment variable, then on PATH (then in /usr/bin, which a service's PATH may lack); when missing, installed
// with apt-get when running as root on Debian or Ubuntu, else a failure with the command that installs it.
import { existsSync } from 'node:fs';
import { fail, run } from './run.mjs';

/**
 * @param {{ label: string, envVar: string, names: string[], aptArgs: string[], hint: string }} binary
 *   `aptArgs`: what follows `apt-get install -y -qq`; `hint`: what to do when it is missing.
 */
export function systemBinary({ label, envVar, names, aptArgs, hint }) {
  function find() {
    if (process.env[envVar]) return existsSync(process.env[envVar]) ? process.env[envVar] : undefined;
    for (const name of names) {
      const found = run('sh', ['-c', `command -v ${name}`], { quiet: true });
      if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
    }
    return names.map((name) => `/usr/bin/${name}`).find((file) => existsSync(file));
  }

  function ensure() {
    const found = find();
    if (found) return found;
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot || run('apt-get', ['--version'], { quiet: true }).status !== 0) fail(hint);
    console.error(`${label}: installing with apt-get...`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [
      ['update', '-qq'],
      ['install', '-y', '-qq', ...aptArgs],
    ]) {
      if (run('apt-get', args, { env }).status !== 0) fail(`\`apt-get ${args.join(' ')}\` failed.\n${hint}`);
    }
    return find() ?? fail(`apt-get installed ${label}, but it is not on PATH.\n${hint}`);
  }

  /** The command line: `--check` only looks (prints the path, or the hint and exits 1); otherwise installs. */
  function cli() {
    console.log(process.argv.includes('--check') ? (find() ?? fail(hint)) : ensure());
  }

  return { find, ensure, cli };
}
