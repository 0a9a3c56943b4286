// A consumer project built from the packed tarball, as a user gets the package: shared by the consumer install
// test and the README-blocks test, so `npm test` packs once and installs once for both.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './generator-config.mjs';

const execFileAsync = promisify(execFile);
const repoPackage = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

/** The path of a binary installed in `dir`'s node_modules. */
export const bin = (dir, name) => path.join(dir, 'node_modules', '.bin', name);

/** `npm pack` into `destination` (prepack builds dist/); resolves with the tarball's path. */
export async function packTarball(destination) {
  const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', destination], repoRoot);
  return path.join(destination, stdout.trim().split('\n').pop());
}

/**
 * Installs the tarball into `app` (a "commonjs" package, as `npm init` makes) with the versions the repository pins
 * of TypeScript, the Node and jest typings, and ioredis (the optional peer of tmdb-auth-client/redis, which the docs'
 * Redis example imports), so consumers compile against the same compiler as the package.
 */
export async function installTarball(app, tarball) {
  writeJson(path.join(app, 'package.json'), { name: 'tmdb-consumer', private: true, type: 'commonjs' });
  const pinned = ['typescript', '@types/node', '@types/jest', 'ioredis'].map(
    (name) => `${name}@${repoPackage.devDependencies[name]}`,
  );
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, ...pinned], app);
}

/** Runs a command asynchronously (servers in this process must keep answering meanwhile); rejects on failure. */
export async function run(command, args, cwd, { env = process.env, quiet = false } = {}) {
  try {
    return await execFileAsync(command, args, { cwd, env, maxBuffer: 1 << 28 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error;
    if (!quiet) process.stderr.write(`\n$ ${command} ${args.join(' ')}\n${stdout}${stderr}`);
    throw Object.assign(new Error(`${path.basename(command)} exited with ${error.code}`), { stdout, stderr });
  }
}

export function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
